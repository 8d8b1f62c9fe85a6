/**
 * `inkwell.selectProvider`: the model picker. First where to generate (this machine, the Gemini
 * API, an OpenAI-compatible server), then, for a remote provider, which of the models it lists.
 * The choice is written to the user settings, so every surface follows it.
 */
import * as vscode from 'vscode';
import type { ProviderError } from '../provider';
import type { ProviderId } from '../providerSwitch';
import { readGeminiSettings, readOpenAiCompatibleSettings, readProviderId } from './remoteSettings';

export interface ModelLister {
  listModels(signal: AbortSignal): Promise<string[]>;
}

interface Choice {
  id: ProviderId;
  label: string;
  /** The setting that holds the remote model, relative to `inkwell`. */
  modelSetting?: string;
}

export function registerSelectProviderCommand(listers: Record<'gemini' | 'openai-compatible', ModelLister>): vscode.Disposable {
  return vscode.commands.registerCommand('inkwell.selectProvider', async () => {
    const current = readProviderId();
    const choices: (Choice & { detail: string })[] = [
      { id: 'local', label: 'Local', detail: 'On this machine: nothing you write leaves it.' },
      { id: 'gemini', label: 'Gemini API', modelSetting: 'gemini.model', detail: `Sends prompts to ${host(readGeminiSettings().endpoint)}.` },
      {
        id: 'openai-compatible',
        label: 'OpenAI-compatible server',
        modelSetting: 'openaiCompatible.model',
        detail: `Ollama, vLLM, llama.cpp or LM Studio at ${host(readOpenAiCompatibleSettings().baseUrl)}.`,
      },
    ];
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: choice.label, description: choice.id === current ? 'current' : undefined, detail: choice.detail, choice })),
      { title: 'Inkwell: Where to Generate' },
    );
    if (!picked) return;
    const { choice } = picked;
    const config = vscode.workspace.getConfiguration('inkwell');
    if (choice.id === 'local' || !choice.modelSetting) return config.update('provider', 'local', vscode.ConfigurationTarget.Global);
    const model = await pickModel(listers[choice.id], choice, config.get<string>(choice.modelSetting) ?? '');
    if (model === undefined) return;
    await config.update(choice.modelSetting, model, vscode.ConfigurationTarget.Global);
    await config.update('provider', choice.id, vscode.ConfigurationTarget.Global);
  });
}

async function pickModel(lister: ModelLister, choice: Choice, current: string): Promise<string | undefined> {
  const controller = new AbortController();
  const listing = vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Inkwell: asking the ${choice.label} for its models…`, cancellable: true },
    (_, token) => {
      token.onCancellationRequested(() => controller.abort());
      return lister.listModels(controller.signal);
    },
  );
  let models: string[];
  try {
    models = await listing;
  } catch (error) {
    if (controller.signal.aborted) return undefined;
    const failure = error as ProviderError;
    const setKey = 'Set API Key';
    const action = await vscode.window.showErrorMessage(failure.message, ...(failure.code === 'bad-api-key' || failure.code === 'missing-api-key' ? [setKey] : []));
    if (action === setKey) await vscode.commands.executeCommand('inkwell.setApiKey', choice.id);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    models.map((model) => ({ label: model, description: model === current ? 'current' : undefined })),
    { title: `Inkwell: ${choice.label} Model`, placeHolder: models.length === 0 ? 'The server lists no models' : undefined },
  );
  return picked?.label;
}

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
