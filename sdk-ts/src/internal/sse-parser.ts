// An incremental parser of the `text/event-stream` format (WHATWG HTML, "Server-sent events"): bytes in, records out.

/**
 * One record of an event stream, in the order it was read.
 *
 * @internal
 */
export type SseRecord =
  | {
      kind: 'event';
      /** The `event:` field, or `message` when the frame had none. */
      event: string;
      /** The `data:` lines of the frame joined with `\n`. */
      data: string;
      /** The frame's own `id:` field; `undefined` when this frame had none (the spec's "last event ID" is not carried over). */
      id: string | undefined;
    }
  | { kind: 'retry'; ms: number }
  | { kind: 'comment'; text: string };

/**
 * Parses one connection's event stream as it arrives. Feed it each chunk of the body with {@link SseParser.push}:
 * chunks may split a frame, a line, a CRLF pair or a multi-byte character anywhere. A frame is emitted at the
 * blank line that ends it; a frame the stream ends in the middle of is dropped, as the spec says. Use one parser
 * per connection.
 *
 * @internal
 */
export class SseParser {
  readonly #decoder = new TextDecoder('utf-8');
  /** The start of a line whose end has not arrived yet. */
  #partialLine: string[] = [];
  /** The previous chunk ended with CR, so a LF at the start of the next one belongs to the same line break. */
  #skipLeadingLineFeed = false;
  #eventType = '';
  #dataLines: string[] = [];
  #frameId: string | undefined;

  /** Parses the next chunk of the body and returns the records it completed. */
  push(chunk: Uint8Array | string): SseRecord[] {
    // TextDecoder holds back an incomplete UTF-8 sequence until the next chunk and drops a leading BOM, as the spec asks.
    let text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    if (this.#skipLeadingLineFeed && text !== '') {
      this.#skipLeadingLineFeed = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }

    const records: SseRecord[] = [];
    let lineStart = 0;
    for (;;) {
      const lineEnd = findLineEnd(text, lineStart);
      if (lineEnd === -1) break;
      this.#partialLine.push(text.slice(lineStart, lineEnd));
      const line = this.#partialLine.join('');
      this.#partialLine = [];
      this.#readLine(line, records);

      if (text[lineEnd] === '\r') {
        if (lineEnd + 1 === text.length) this.#skipLeadingLineFeed = true;
        else if (text[lineEnd + 1] === '\n') {
          lineStart = lineEnd + 2;
          continue;
        }
      }
      lineStart = lineEnd + 1;
    }
    if (lineStart < text.length) this.#partialLine.push(text.slice(lineStart));
    return records;
  }

  #readLine(line: string, records: SseRecord[]): void {
    if (line === '') {
      this.#dispatch(records);
      return;
    }
    if (line.startsWith(':')) {
      records.push({ kind: 'comment', text: line.slice(1) });
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    switch (field) {
      case 'event':
        this.#eventType = value;
        break;
      case 'data':
        this.#dataLines.push(value);
        break;
      case 'id':
        // The spec ignores ids containing NULL.
        if (!value.includes('\0')) this.#frameId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) records.push({ kind: 'retry', ms: Number(value) });
        break;
      default:
      // Unknown fields are ignored, as the spec says.
    }
  }

  #dispatch(records: SseRecord[]): void {
    // A frame without data lines is not dispatched (the spec's "empty data buffer").
    if (this.#dataLines.length > 0) {
      records.push({
        kind: 'event',
        event: this.#eventType === '' ? 'message' : this.#eventType,
        data: this.#dataLines.join('\n'),
        id: this.#frameId,
      });
    }
    this.#eventType = '';
    this.#dataLines = [];
    this.#frameId = undefined;
  }
}

// The index of the next CR or LF at or after `from`, or -1.
function findLineEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x0d) return index;
  }
  return -1;
}
