/**
 * API keys of the remote providers, in VS Code's SecretStorage (the OS keychain where there is
 * one), never in settings. Only the providers and the Set API Key command read them.
 */
import type * as vscode from 'vscode';

export type KeyedProvider = 'gemini' | 'openai-compatible';

const secretName = (provider: KeyedProvider) => `inkwell.apiKey.${provider}`;

export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(provider: KeyedProvider): Promise<string | undefined> {
    return (await this.secrets.get(secretName(provider))) || undefined;
  }

  /** An empty key removes the stored one. */
  async set(provider: KeyedProvider, key: string): Promise<'stored' | 'removed'> {
    const trimmed = key.trim();
    if (trimmed === '') {
      await this.secrets.delete(secretName(provider));
      return 'removed';
    }
    await this.secrets.store(secretName(provider), trimmed);
    return 'stored';
  }
}
