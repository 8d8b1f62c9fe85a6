import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateEngineToHost, validateHostToEngine } from '../../../webview/protocol/validateEngineMessage';
import {
  aDoneMessage,
  aGenerateMessage,
  aGpuReport,
  aLoadedMessage,
  aLoadMessage,
  anImageMessage,
} from '../../builders/engineMessages';

function rejectionReason(result: { ok: boolean; reason?: string }): string {
  assert.equal(result.ok, false, 'expected the message to be rejected');
  return result.reason!;
}

describe('validateHostToEngine', () => {
  it('accepts a load message', () => {
    assert.deepEqual(validateHostToEngine(aLoadMessage()), { ok: true, message: aLoadMessage() });
  });

  it('accepts a generate message whose images are bytes', () => {
    assert.equal(validateHostToEngine(aGenerateMessage({ messages: [anImageMessage()] })).ok, true);
  });

  it('accepts a generate message with a raw prompt instead of messages', () => {
    assert.equal(validateHostToEngine(aGenerateMessage({ messages: [], rawPrompt: 'Once upon a' })).ok, true);
  });

  it('rejects a raw prompt that is not a string', () => {
    const bad = aGenerateMessage({ messages: [], rawPrompt: ['Once'] as never });
    assert.match(rejectionReason(validateHostToEngine(bad)), /^message\.rawPrompt: expected a string, got an array/);
  });

  it('accepts cancel, dispose and ping', () => {
    for (const message of [{ type: 'cancel', requestId: 'r1' }, { type: 'dispose' }, { type: 'ping', id: 3 }]) {
      assert.equal(validateHostToEngine(message).ok, true, JSON.stringify(message));
    }
  });

  it('rejects a value that is not an object', () => {
    assert.match(rejectionReason(validateHostToEngine('load')), /^message: expected an object/);
  });

  it('rejects an unknown message type, naming the known ones', () => {
    assert.match(rejectionReason(validateHostToEngine({ type: 'explode' })), /message\.type: expected one of load, generate/);
  });

  it('rejects a device the engine does not know', () => {
    const reason = rejectionReason(validateHostToEngine({ ...aLoadMessage(), device: 'cuda' }));
    assert.match(reason, /^message\.device: expected one of auto, webgpu, wasm/);
  });

  it('names the path of a bad field deep inside the message', () => {
    const bad = aGenerateMessage({ messages: [{ role: 'user', content: [{ type: 'image', bytes: [1, 2], mimeType: 'image/png' } as never] }] });
    assert.equal(rejectionReason(validateHostToEngine(bad)), 'message.messages[0].content[0].bytes: expected a Uint8Array, got an array');
  });

  it('rejects a file listing with a negative size', () => {
    const load = aLoadMessage();
    const bad = { ...load, source: { ...load.source, files: [{ path: 'config.json', size: -1 }] } };
    assert.match(rejectionReason(validateHostToEngine(bad)), /message\.source\.files\[0\]\.size: expected a number >= 0/);
  });

  it('rejects settings with NaN', () => {
    const bad = aGenerateMessage({ settings: { maxNewTokens: 8, temperature: Number.NaN, topP: 1, topK: 0 } });
    assert.match(rejectionReason(validateHostToEngine(bad)), /message\.settings\.temperature: expected a finite number/);
  });

  it('rejects a generate message without a request id', () => {
    const { requestId: _, ...bad } = aGenerateMessage();
    assert.match(rejectionReason(validateHostToEngine(bad)), /message\.requestId: expected a string, got undefined/);
  });
});

describe('validateEngineToHost', () => {
  it('accepts ready with a GPU and ready without one', () => {
    assert.equal(validateEngineToHost({ type: 'ready', gpu: aGpuReport() }).ok, true);
    assert.equal(validateEngineToHost({ type: 'ready', gpu: { available: false, reason: 'no adapter' } }).ok, true);
  });

  it('accepts loaded, delta, done, errors with and without a request id, log and pong', () => {
    const messages = [
      aLoadedMessage(),
      { type: 'loadProgress', fraction: 0.5, detail: 'onnx/model_q4.onnx' },
      { type: 'delta', requestId: 'r1', text: 'Hel' },
      aDoneMessage(),
      { type: 'error', requestId: 'r1', code: 'prompt-too-long', message: 'Too long.' },
      { type: 'error', code: 'missing-file', message: 'No config.json.' },
      { type: 'log', level: 'warn', message: 'Fell back to WASM.' },
      { type: 'pong', id: 1 },
    ];
    for (const message of messages) assert.equal(validateEngineToHost(message).ok, true, JSON.stringify(message));
  });

  it('rejects ready whose GPU report lacks its reason', () => {
    const reason = rejectionReason(validateEngineToHost({ type: 'ready', gpu: { available: false } }));
    assert.equal(reason, 'message.gpu.reason: expected a string, got undefined');
  });

  it('rejects loaded with a device the engine never reports', () => {
    const bad = aLoadedMessage({ device: 'npu' as never });
    assert.match(rejectionReason(validateEngineToHost(bad)), /^message\.info\.device: expected one of webgpu, wasm, cpu/);
  });

  it('rejects done with an unknown finish reason', () => {
    const bad = aDoneMessage('r1', { finishReason: 'bored' as never });
    assert.match(rejectionReason(validateEngineToHost(bad)), /^message\.outcome\.finishReason/);
  });

  it('rejects a log message at an unknown level', () => {
    assert.match(rejectionReason(validateEngineToHost({ type: 'log', level: 'fatal', message: 'x' })), /^message\.level/);
  });

  it('rejects a message of the other direction', () => {
    assert.match(rejectionReason(validateEngineToHost(aLoadMessage())), /^message\.type: expected one of ready/);
  });
});
