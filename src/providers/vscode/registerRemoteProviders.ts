/**
 * Puts the remote providers behind `services.provider`: a ProviderSwitch that follows
 * `inkwell.provider` replaces the local provider there (which it keeps for `local`), so every
 * surface that generates through `services.provider` can use Gemini or an OpenAI-compatible
 * server. Also registers the key and model commands and the where-text-goes status bar item.
 * Call before anything reads `services.provider`.
 */
import type * as vscode from 'vscode';
import { DEFAULT_RETRY_POLICY } from '../../http/retryPolicy';
import { ApiKeyStore } from '../../secrets/apiKeyStore';
import { registerSetApiKeyCommand } from '../../secrets/setApiKeyCommand';
import type { InkwellServices } from '../../services';
import { GeminiProvider } from '../gemini/geminiProvider';
import { OpenAiCompatibleProvider } from '../openaiCompatible/openaiCompatibleProvider';
import { ProviderSwitch } from '../providerSwitch';
import { createDestinationStatusBar } from './destinationStatusBar';
import { readGeminiSettings, readNetworkSettings, readOpenAiCompatibleSettings, readProviderId } from './remoteSettings';
import { registerSelectProviderCommand } from './selectProviderCommand';

export function registerRemoteProviders(context: vscode.ExtensionContext, services: InkwellServices): void {
  const keys = new ApiKeyStore(context.secrets);
  const shared = { network: readNetworkSettings, log: services.log, retryPolicy: DEFAULT_RETRY_POLICY };
  const gemini = new GeminiProvider({ ...shared, settings: readGeminiSettings, apiKey: () => keys.get('gemini') });
  const openAiCompatible = new OpenAiCompatibleProvider({ ...shared, settings: readOpenAiCompatibleSettings, apiKey: () => keys.get('openai-compatible') });
  const providers = new ProviderSwitch({ local: services.provider, gemini, 'openai-compatible': openAiCompatible }, readProviderId);
  services.provider = providers;
  context.subscriptions.push(
    registerSetApiKeyCommand(keys, services.log, readProviderId),
    registerSelectProviderCommand({ gemini, 'openai-compatible': openAiCompatible }),
    createDestinationStatusBar(providers, services.log),
  );
}
