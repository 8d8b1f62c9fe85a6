import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { ApiKeyStore } from '../../../src/secrets/apiKeyStore';
import { redactSecret } from '../../../src/secrets/redactSecret';

function aSecretStorage(): vscode.SecretStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (key: string) => values.get(key),
    store: async (key: string, value: string) => void values.set(key, value),
    delete: async (key: string) => void values.delete(key),
  } as unknown as vscode.SecretStorage & { values: Map<string, string> };
}

describe('ApiKeyStore', () => {
  it('keeps each provider’s key under its own secret name, trimmed', async () => {
    const secrets = aSecretStorage();
    const keys = new ApiKeyStore(secrets);
    assert.equal(await keys.set('gemini', '  AIza-123  '), 'stored');
    assert.deepEqual([...secrets.values], [['inkwell.apiKey.gemini', 'AIza-123']]);
    assert.equal(await keys.get('gemini'), 'AIza-123');
    assert.equal(await keys.get('openai-compatible'), undefined);
  });

  it('removes the key when given an empty one', async () => {
    const secrets = aSecretStorage();
    const keys = new ApiKeyStore(secrets);
    await keys.set('openai-compatible', 'sk-1');
    assert.equal(await keys.set('openai-compatible', ' '), 'removed');
    assert.equal(secrets.values.size, 0);
  });
});

describe('redactSecret', () => {
  it('replaces every occurrence of the key', () => {
    assert.equal(redactSecret('bad key sk-abcdefgh12 (sk-abcdefgh12)', 'sk-abcdefgh12'), 'bad key [redacted] ([redacted])');
  });

  it('leaves text alone when there is no key, or one too short to be a key', () => {
    assert.equal(redactSecret('a b c', undefined), 'a b c');
    assert.equal(redactSecret('the cat', 'cat'), 'the cat');
  });
});
