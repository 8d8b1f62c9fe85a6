/**
 * Inkwell's model as a VS Code language model (vendor `inkwell`, declared in
 * `contributes.languageModelChatProviders`): other extensions reach it with
 * `vscode.lm.selectChatModels({ vendor: 'inkwell' })`, and VS Code's chat can pick it.
 * Requests run through `services.provider` like every other surface: the local model unless
 * the user chose a remote provider for Inkwell, which the model's name then says.
 */
import * as vscode from 'vscode';
import { PROVIDER_SETTING_SECTIONS, readProviderId } from '../../providers/vscode/remoteSettings';
import type { InkwellServices } from '../../services';
import { answerLanguageModelRequest, estimateTokens, settingsFrom } from '../common/languageModelRequest';

export const LANGUAGE_MODEL_VENDOR = 'inkwell';
export const LANGUAGE_MODEL_ID = 'local';

/** What the models we bundle and the catalog's SmolVLM/Qwen models hold; the engine reports the exact length only once loaded. */
const CONTEXT_TOKENS = 8_192;

export function registerInkwellLanguageModel(services: InkwellServices, knownToReadImages: () => boolean | undefined): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.LanguageModelChatProvider = {
    onDidChangeLanguageModelChatInformation: changed.event,
    provideLanguageModelChatInformation: () => {
      const settings = services.settings();
      const provider = readProviderId();
      // The model follows Inkwell's own choice of provider, and says so: a caller must never
      // take a remote provider for the local model.
      const where = provider === 'local' ? 'local' : provider === 'gemini' ? 'Gemini' : 'OpenAI-compatible';
      return [
        {
          id: LANGUAGE_MODEL_ID,
          name: `Inkwell (${where})`,
          family: 'inkwell-local',
          version: settings.model,
          detail: provider === 'local' ? settings.model : where,
          tooltip:
            provider === 'local'
              ? `Inkwell's model on this machine: ${settings.model}. Nothing you send leaves this computer.`
              : `Inkwell is set to generate with the ${where} provider: what you send goes there.`,
          maxInputTokens: CONTEXT_TOKENS,
          maxOutputTokens: settings.generation.maxNewTokens,
          // Unknown until the model has loaded once: say yes, and the provider says clearly if not.
          capabilities: { imageInput: knownToReadImages() ?? true, toolCalling: false },
        },
      ];
    },
    provideLanguageModelChatResponse: async (_model, messages, options, progress, token) => {
      const settings = settingsFrom(options.modelOptions, services.settings().generation);
      await answerLanguageModelRequest(services.provider, messages, settings, (text) => progress.report(new vscode.LanguageModelTextPart(text)), token);
    },
    provideTokenCount: async (_model, text) =>
      estimateTokens(typeof text === 'string' ? text : text.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('')),
  };
  const configuration = vscode.workspace.onDidChangeConfiguration((event) => {
    if (['inkwell.model', 'inkwell.generation', ...PROVIDER_SETTING_SECTIONS].some((section) => event.affectsConfiguration(section))) changed.fire();
  });
  return vscode.Disposable.from(vscode.lm.registerLanguageModelChatProvider(LANGUAGE_MODEL_VENDOR, provider), configuration, changed);
}
