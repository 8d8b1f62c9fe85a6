import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextStream } from '../../../webview/engine/text/textStream';
import { byteLevelTokenizer } from '../../builders/byteLevelTokenizer';

const tokenizer = byteLevelTokenizer();

function streamAll(text: string, stops: string[] = []) {
  const stream = new TextStream(tokenizer, stops);
  const deltas: string[] = [];
  let stopped = false;
  for (const id of tokenizer.encode(text, false)) {
    const step = stream.push(id);
    deltas.push(step.delta);
    if (step.stopped) {
      stopped = true;
      break;
    }
  }
  const end = stream.finish();
  deltas.push(end.delta);
  return { deltas: deltas.filter(Boolean), text: end.text, stopped };
}

describe('TextStream', () => {
  it('never emits half of a multi-byte character', () => {
    const { deltas } = streamAll('café ☕ 日本');
    for (const delta of deltas) assert.ok(!delta.includes('\uFFFD'), `delta ${JSON.stringify(delta)} holds a broken character`);
  });

  it('emits deltas that concatenate to the final text', () => {
    const { deltas, text } = streamAll('Hello, wörld — ☕!');
    assert.equal(deltas.join(''), text);
    assert.equal(text, 'Hello, wörld — ☕!');
  });

  it('ends the text exactly before a stop string', () => {
    const { text, stopped, deltas } = streamAll('First line.\n\nSecond paragraph.', ['\n\n']);
    assert.equal(stopped, true);
    assert.equal(text, 'First line.');
    assert.equal(deltas.join(''), 'First line.');
  });

  it('never streams the beginning of a stop string that then completes', () => {
    const { deltas } = streamAll('abc END def', [' END']);
    assert.deepEqual(deltas.join(''), 'abc');
    for (const delta of deltas) assert.ok(!delta.includes(' '), `delta ${JSON.stringify(delta)} leaked part of the stop string`);
  });

  it('releases a held-back partial stop string when it turns out not to be one', () => {
    const { text, deltas, stopped } = streamAll('a <b> c', ['<end>']);
    assert.equal(stopped, false);
    assert.equal(text, 'a <b> c');
    assert.equal(deltas.join(''), text);
  });

  it('hides special tokens from the text', () => {
    const stream = new TextStream(tokenizer, []);
    for (const id of [...tokenizer.encode('ok', false), tokenizer.tokenId('<eos>')!]) stream.push(id);
    assert.equal(stream.finish().text, 'ok');
  });
});
