/** `ChatStorage` on a folder through `vscode.workspace.fs`, created on first write. */
import * as vscode from 'vscode';
import type { ChatStorage } from '../node/conversationStore';

export function workspaceChatStorage(folder: vscode.Uri): ChatStorage {
  const fs = vscode.workspace.fs;
  const file = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);
  return {
    list: async () => {
      try {
        return (await fs.readDirectory(folder)).filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
      } catch {
        return [];
      }
    },
    read: async (name) => new TextDecoder().decode(await fs.readFile(file(name))),
    write: async (name, text) => {
      await fs.createDirectory(folder);
      // Written aside and renamed over, so a crash mid-write never leaves half a conversation.
      const temporary = file(`${name}.tmp`);
      await fs.writeFile(temporary, new TextEncoder().encode(text));
      await fs.rename(temporary, file(name), { overwrite: true });
    },
    delete: async (name) => {
      await fs.delete(file(name)).then(undefined, () => undefined);
    },
  };
}
