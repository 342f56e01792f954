/** An incremental `text/event-stream` parser for the SSE clients of host tests and the benchmark. */

/** One dispatched server-sent event. */
export interface SseFrame {
  /** The `id:` field of this frame only (not the stream's running last event id), if it had one. */
  id: string | undefined;
  /** The `event:` field, `message` when absent. */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
}

/**
 * Splits a `text/event-stream` body into frames as chunks arrive, following the WHATWG parsing rules (CR, LF and CRLF
 * line ends, comments, `retry:`, a frame without `data:` is not dispatched), so a frame split across chunks is still
 * read once.
 */
export class SseReader {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  #id: string | undefined;
  /** Comment lines seen, without the colon (`keepalive`). */
  readonly comments: string[] = [];
  /** The `retry:` values seen, in order. */
  readonly retries: number[] = [];

  /** Feeds the next decoded chunk and returns the frames it completed, in order. */
  push(chunk: string): SseFrame[] {
    const text = this.#buffer + chunk;
    const frames: SseFrame[] = [];
    let start = 0;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) break;
      // A CR that ends the chunk may be the first half of a CRLF.
      if (end === cr && cr === text.length - 1) break;
      const frame = this.#line(text.slice(start, end));
      if (frame) frames.push(frame);
      start = end === cr && lf === cr + 1 ? cr + 2 : end + 1;
    }
    this.#buffer = text.slice(start);
    return frames;
  }

  #line(line: string): SseFrame | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1));
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#data.push(value);
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retries.push(Number(value));
        break;
      default:
      // Unknown fields are ignored, as the spec says.
    }
    return undefined;
  }

  #dispatch(): SseFrame | undefined {
    const frame =
      this.#data.length === 0
        ? undefined
        : { id: this.#id, event: this.#event === '' ? 'message' : this.#event, data: this.#data.join('\n') };
    this.#data = [];
    this.#event = '';
    this.#id = undefined;
    return frame;
  }
}
