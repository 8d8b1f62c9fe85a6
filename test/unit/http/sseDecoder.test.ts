import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseDecoder, type SseEvent } from '../../../src/http/sseDecoder';

function decodeInPieces(text: string, cuts: number[]): { events: SseEvent[]; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...decoder.push(bytes.subarray(start, cut)));
    start = cut;
  }
  const end = decoder.end();
  return { events: [...events, ...end.events], truncated: end.truncated };
}

const STREAM = 'data: {"text":"Grüße 🌍"}\r\n\r\n: keep-alive comment\n\nevent: update\ndata: line one\ndata: line two\r\rdata: [DONE]\n\n';
const EXPECTED: SseEvent[] = [
  { type: 'message', data: '{"text":"Grüße 🌍"}' },
  { type: 'update', data: 'line one\nline two' },
  { type: 'message', data: '[DONE]' },
];

describe('SseDecoder', () => {
  it('decodes events separated by CRLF, LF and CR, skipping comments and joining data lines', () => {
    assert.deepEqual(decodeInPieces(STREAM, []), { events: EXPECTED, truncated: false });
  });

  it('gives the same events however the bytes are split in two', () => {
    const length = Buffer.byteLength(STREAM);
    for (let cut = 1; cut < length; cut++) {
      assert.deepEqual(decodeInPieces(STREAM, [cut]), { events: EXPECTED, truncated: false }, `split at byte ${cut}`);
    }
  });

  it('gives the same events when every byte arrives on its own', () => {
    const length = Buffer.byteLength(STREAM);
    assert.deepEqual(decodeInPieces(STREAM, Array.from({ length: length - 1 }, (_, i) => i + 1)), { events: EXPECTED, truncated: false });
  });

  it('reports a stream that stops inside an event as truncated, keeping the events before it', () => {
    const result = decodeInPieces('data: {"a":1}\n\ndata: {"b":', []);
    assert.deepEqual(result, { events: [{ type: 'message', data: '{"a":1}' }], truncated: true });
  });

  it('reports complete data lines without the closing blank line as truncated', () => {
    assert.equal(decodeInPieces('data: {"a":1}\n', []).truncated, true);
  });

  it('takes the value without the one space after the colon, and a field without a colon as empty', () => {
    assert.deepEqual(decodeInPieces('data:no-space\ndata:  two\ndata\n\n', []).events, [{ type: 'message', data: 'no-space\n two\n' }]);
  });

  it('ignores a byte order mark at the start', () => {
    assert.deepEqual(decodeInPieces('\uFEFFdata: x\n\n', [1, 2]).events, [{ type: 'message', data: 'x' }]);
  });
});
