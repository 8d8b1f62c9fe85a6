/** The Hugging Face token for gated or private models, kept in VS Code's SecretStorage only. */
import * as vscode from 'vscode';

const SECRET_KEY = 'inkwell.hub.token';

export function readHubToken(secrets: vscode.SecretStorage): Thenable<string | undefined> {
  return secrets.get(SECRET_KEY);
}

export async function setHubToken(secrets: vscode.SecretStorage): Promise<void> {
  const token = await vscode.window.showInputBox({
    title: 'Hugging Face Token',
    prompt: 'A read token from huggingface.co/settings/tokens, for gated or private models. Stored in VS Code’s secret storage; sent only to inkwell.hub.endpoint. Leave empty to remove it.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value === '' || /^\S+$/.test(value) ? undefined : 'A token has no spaces.'),
  });
  if (token === undefined) return;
  if (token === '') {
    await secrets.delete(SECRET_KEY);
    void vscode.window.showInformationMessage('Inkwell: Hugging Face token removed.');
  } else {
    await secrets.store(SECRET_KEY, token);
    void vscode.window.showInformationMessage('Inkwell: Hugging Face token saved.');
  }
}
