/**
 * Requests through `vscode.lm` to the `inkwell` vendor, at the level below VS Code: the messages a
 * caller sends (built like `vscode.LanguageModelChatMessage`s) reach the provider as prompt
 * messages, and the reply streams back piece by piece.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerLanguageModelRequest, estimateTokens, settingsFrom, toPromptMessages, type LanguageModelMessageLike } from '../../../src/chat/common/languageModelRequest';
import type { GenerationProvider, GenerationRequest, GenerationSettings } from '../../../src/providers/provider';

/** Shaped like `vscode.LanguageModelChatMessage.User(...)` / `.Assistant(...)` with text and data parts. */
const languageModelRequest = {
  user: (...parts: unknown[]): LanguageModelMessageLike => ({ role: 1, content: parts }),
  assistant: (...parts: unknown[]): LanguageModelMessageLike => ({ role: 2, content: parts }),
  text: (value: string) => ({ value }),
  image: (data: Uint8Array, mimeType = 'image/png') => ({ data, mimeType }),
  toolCall: () => ({ callId: 'c1', name: 'search', input: {} }),
};

const defaults: GenerationSettings = { maxNewTokens: 512, temperature: 0.7, topP: 0.9, topK: 40 };

function scriptedProvider(deltas: string[]): GenerationProvider & { requests: GenerationRequest[] } {
  const requests: GenerationRequest[] = [];
  return {
    id: 'local',
    requests,
    describeModel: async () => ({ name: 'tiny', canReadImages: true, destination: 'this machine' }),
    generate: async (request, onDelta, token) => {
      requests.push(request);
      let text = '';
      for (const delta of deltas) {
        if (token.isCancellationRequested) return { text, finishReason: 'aborted', promptTokens: 3, generatedTokens: text.length, tokensPerSecond: 1, timeToFirstTokenMs: 1 };
        text += delta;
        onDelta(delta);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return { text, finishReason: 'eos', promptTokens: 3, generatedTokens: deltas.length, tokensPerSecond: 10, timeToFirstTokenMs: 5 };
    },
  };
}

function cancellation() {
  const listeners: (() => void)[] = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => {
      listeners.push(listener);
      return { dispose: () => undefined };
    },
  };
  return { token, cancel: () => ((token.isCancellationRequested = true), listeners.forEach((l) => l())) };
}

describe('a vscode.lm request to the inkwell vendor', () => {
  it('streams the reply text piece by piece as the provider produces it', async () => {
    const provider = scriptedProvider(['Hel', 'lo', ' there']);
    const reported: string[] = [];
    const outcome = await answerLanguageModelRequest(provider, [languageModelRequest.user(languageModelRequest.text('Say hello'))], defaults, (text) => reported.push(text), cancellation().token);
    assert.deepEqual(reported, ['Hel', 'lo', ' there']);
    assert.equal(outcome.text, 'Hello there');
  });

  it('reaches the provider as chat messages with roles, text and images, skipping tool parts', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const messages = toPromptMessages([
      languageModelRequest.user(languageModelRequest.image(bytes), languageModelRequest.text('What colour?')),
      languageModelRequest.assistant(languageModelRequest.text('red'), languageModelRequest.toolCall()),
      languageModelRequest.user(languageModelRequest.toolCall()),
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: [{ type: 'image', bytes, mimeType: 'image/png' }, { type: 'text', text: 'What colour?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'red' }] },
    ]);
  });

  it('stops streaming when the caller cancels', async () => {
    const provider = scriptedProvider(['a', 'b', 'c', 'd']);
    const { token, cancel } = cancellation();
    const reported: string[] = [];
    const outcome = await answerLanguageModelRequest(provider, [languageModelRequest.user(languageModelRequest.text('go'))], defaults, (text) => {
      reported.push(text);
      if (reported.length === 2) cancel();
    }, token);
    assert.deepEqual(reported, ['a', 'b']);
    assert.equal(outcome.finishReason, 'aborted');
  });

  it('takes the caller model options over the user settings', () => {
    assert.deepEqual(settingsFrom({ temperature: 0, maxTokens: 64 }, defaults), { ...defaults, temperature: 0, maxNewTokens: 64 });
    assert.deepEqual(settingsFrom({ max_tokens: 10.6, temperature: 9 }, defaults), { ...defaults, maxNewTokens: 11, temperature: 2 });
    assert.deepEqual(settingsFrom({ temperature: 'hot' }, defaults), defaults);
  });

  it('estimates about four characters a token', () => {
    assert.equal(estimateTokens('12345678'), 2);
    assert.equal(estimateTokens('123456789'), 3);
  });
});
