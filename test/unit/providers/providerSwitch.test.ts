import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import type { GenerationProvider } from '../../../src/providers/provider';
import { ProviderSwitch, type ProviderId } from '../../../src/providers/providerSwitch';
import { aCancellationSource } from '../../builders/fakeEngineWebview';
import { aRequest, aUserText } from './remoteProviderKit';

function aProvider(id: ProviderId, calls: string[]): GenerationProvider {
  return {
    id,
    describeModel: async () => ({ name: `${id}-model`, canReadImages: false, destination: id }),
    generate: async (_request, onDelta) => {
      calls.push(id);
      onDelta(`from ${id}`);
      return { text: `from ${id}`, finishReason: 'eos', promptTokens: 1, generatedTokens: 1, tokensPerSecond: 1, timeToFirstTokenMs: 1 };
    },
  };
}

describe('ProviderSwitch', () => {
  it('generates through the provider the setting names at the time of each call', async () => {
    const calls: string[] = [];
    let chosen: ProviderId = 'local';
    const providers = new ProviderSwitch(
      { local: aProvider('local', calls), gemini: aProvider('gemini', calls), 'openai-compatible': aProvider('openai-compatible', calls) },
      () => chosen,
    );
    const token = aCancellationSource().token as unknown as vscode.CancellationToken;

    await providers.generate(aRequest([aUserText('a')]), () => undefined, token);
    chosen = 'gemini';
    const outcome = await providers.generate(aRequest([aUserText('b')]), () => undefined, token);

    assert.deepEqual(calls, ['local', 'gemini']);
    assert.equal(outcome.text, 'from gemini');
    assert.equal(providers.id, 'gemini');
    assert.equal((await providers.describeModel('draft')).name, 'gemini-model');
  });
});
