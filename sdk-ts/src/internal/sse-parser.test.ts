import { describe, expect, it } from 'vitest';
import { SseParser, type SseRecord } from './sse-parser.js';

const encoder = new TextEncoder();

function parseWhole(text: string): SseRecord[] {
  return new SseParser().push(encoder.encode(text));
}

/** Feeds `bytes` to a new parser in the given pieces and returns every record. */
function parsePieces(pieces: Uint8Array[]): SseRecord[] {
  const parser = new SseParser();
  return pieces.flatMap((piece) => parser.push(piece));
}

function splitAt(bytes: Uint8Array, ...offsets: number[]): Uint8Array[] {
  const bounds = [0, ...offsets, bytes.length];
  return bounds.slice(1).map((end, index) => bytes.subarray(bounds[index], end));
}

const runStarted = JSON.stringify({ type: 'run.started', sequence: 0, payload: { note: 'naïve café ✓ 🚀' } });

// Every feature of the format in one stream: CRLF and CR line breaks, comments, retry, multi-line data, a BOM,
// a field without a value, an unknown field and an id-less frame.
const mixedStream =
  '\uFEFF:keepalive\r\n' +
  'retry: 2500\r\n' +
  '\r\n' +
  `id: 0\r\nevent: run.started\r\ndata: ${runStarted}\r\n\r\n` +
  'id: 1\revent: state.snapshot\rdata: {"runId":"r",\rdata: "status":"running"}\r\r' +
  ': a comment with a space\n' +
  'data\n' +
  'unknown: ignored\n' +
  '\n' +
  'id: 2\nevent: batch\ndata:[]\n\n';

const mixedRecords: SseRecord[] = [
  { kind: 'comment', text: 'keepalive' },
  { kind: 'retry', ms: 2500 },
  { kind: 'event', event: 'run.started', data: runStarted, id: '0' },
  { kind: 'event', event: 'state.snapshot', data: '{"runId":"r",\n"status":"running"}', id: '1' },
  { kind: 'comment', text: ' a comment with a space' },
  { kind: 'event', event: 'message', data: '', id: undefined },
  { kind: 'event', event: 'batch', data: '[]', id: '2' },
];

describe('SseParser', () => {
  it('parses frames, comments and retry in stream order', () => {
    expect(parseWhole(mixedStream)).toEqual(mixedRecords);
  });

  it('gives the same records when the stream is split at any byte boundary', () => {
    const bytes = encoder.encode(mixedStream);
    for (let offset = 1; offset < bytes.length; offset++) {
      expect(parsePieces(splitAt(bytes, offset)), `split at byte ${offset}`).toEqual(mixedRecords);
    }
  });

  it('gives the same records when the stream arrives one byte at a time', () => {
    const bytes = encoder.encode(mixedStream);
    const offsets = Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);
    expect(parsePieces(splitAt(bytes, ...offsets))).toEqual(mixedRecords);
  });

  it('treats CR LF split across two chunks as one line break', () => {
    expect(parsePieces([encoder.encode('data: a\r'), encoder.encode('\n\r'), encoder.encode('\n')])).toEqual([
      { kind: 'event', event: 'message', data: 'a', id: undefined },
    ]);
  });

  it('waits for the blank line before it emits a frame', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nevent: node.completed\ndata: {}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ kind: 'event', event: 'node.completed', data: '{}', id: '7' }]);
  });

  it('joins data lines with LF and removes one leading space of each value only', () => {
    expect(parseWhole('data:  two spaces\ndata:none\ndata: \ndata\n\n')).toEqual([
      { kind: 'event', event: 'message', data: ' two spaces\nnone\n\n', id: undefined },
    ]);
  });

  it('keeps the colons inside a value', () => {
    expect(parseWhole('data: {"a":"b:c"}\n\n')).toEqual([
      { kind: 'event', event: 'message', data: '{"a":"b:c"}', id: undefined },
    ]);
  });

  it('dispatches nothing for a frame without data, and forgets its event name and id', () => {
    expect(parseWhole('id: 3\nevent: ping\n\ndata: x\n\n')).toEqual([
      { kind: 'event', event: 'message', data: 'x', id: undefined },
    ]);
  });

  it.each([
    { line: 'retry: 10', expected: [{ kind: 'retry', ms: 10 }] },
    { line: 'retry:0', expected: [{ kind: 'retry', ms: 0 }] },
    { line: 'retry: 1.5', expected: [] },
    { line: 'retry: -1', expected: [] },
    { line: 'retry: soon', expected: [] },
  ])('reads "$line" as $expected', ({ line, expected }) => {
    expect(parseWhole(`${line}\n`)).toEqual(expected);
  });

  it('ignores an id that contains NULL', () => {
    expect(parseWhole('id: 4\0\ndata: x\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'x', id: undefined }]);
  });

  it('drops a frame the stream ends in the middle of', () => {
    const parser = new SseParser();
    expect(parser.push('data: complete\n\ndata: cut off')).toEqual([
      { kind: 'event', event: 'message', data: 'complete', id: undefined },
    ]);
  });
});
