/**
 * Inkwell's local model as a VS Code language model (vendor `inkwell`, declared in
 * `contributes.languageModelChatProviders`): other extensions reach it with
 * `vscode.lm.selectChatModels({ vendor: 'inkwell' })`, and VS Code's chat can pick it.
 * Requests run through `services.provider` like every other surface.
 */
import * as vscode from 'vscode';
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
      return [
        {
          id: LANGUAGE_MODEL_ID,
          name: 'Inkwell (local)',
          family: 'inkwell-local',
          version: settings.model,
          detail: settings.model,
          tooltip: `Inkwell's model on this machine: ${settings.model}. Nothing you send leaves this computer.`,
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
    if (event.affectsConfiguration('inkwell.model') || event.affectsConfiguration('inkwell.generation')) changed.fire();
  });
  return vscode.Disposable.from(vscode.lm.registerLanguageModelChatProvider(LANGUAGE_MODEL_VENDOR, provider), configuration, changed);
}
