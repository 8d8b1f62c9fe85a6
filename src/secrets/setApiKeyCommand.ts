/**
 * `inkwell.setApiKey`: asks which remote provider, then for the key in a password box, and keeps
 * it in secret storage. The key is never echoed, logged or written to settings.
 */
import * as vscode from 'vscode';
import type { ApiKeyStore, KeyedProvider } from './apiKeyStore';

const PROVIDERS: { id: KeyedProvider; label: string; prompt: string }[] = [
  { id: 'gemini', label: 'Gemini API', prompt: 'Paste a Gemini API key from Google AI Studio. Leave empty to remove the stored key.' },
  {
    id: 'openai-compatible',
    label: 'OpenAI-compatible server',
    prompt: 'Paste the key the server expects as a bearer token (most local servers need none). Leave empty to remove the stored key.',
  },
];

export function registerSetApiKeyCommand(keys: ApiKeyStore, log: vscode.LogOutputChannel, preferred: () => string): vscode.Disposable {
  return vscode.commands.registerCommand('inkwell.setApiKey', async (providerId?: KeyedProvider) => {
    const provider = PROVIDERS.find((entry) => entry.id === providerId) ?? (await pickProvider(preferred()));
    if (!provider) return;
    const key = await vscode.window.showInputBox({
      title: `Inkwell: API Key for the ${provider.label}`,
      prompt: provider.prompt,
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;
    const result = await keys.set(provider.id, key);
    log.info(`API key for ${provider.id} ${result} (secret storage)`);
    void vscode.window.showInformationMessage(
      result === 'stored' ? `Inkwell keeps the ${provider.label} key in VS Code's secret storage.` : `Inkwell removed the stored ${provider.label} key.`,
    );
  });
}

async function pickProvider(preferred: string): Promise<(typeof PROVIDERS)[number] | undefined> {
  const items = [...PROVIDERS].sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
  const picked = await vscode.window.showQuickPick(
    items.map((entry) => ({ label: entry.label, entry })),
    { title: 'Inkwell: Set API Key', placeHolder: 'Which provider is the key for?' },
  );
  return picked?.entry;
}
