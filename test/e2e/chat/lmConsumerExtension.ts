/**
 * A tiny extension that uses Inkwell's model the way any other extension would, through
 * `vscode.lm`, for the end-to-end test only (it is built into a temporary folder and installed
 * beside Inkwell, never shipped). Its one command selects the `inkwell` vendor's models, sends
 * one request, and writes what it saw (the models, each streamed chunk with its arrival time)
 * to a JSON file in the workspace.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packExtension } from '../harness/vsix';

export const CONSUMER_COMMAND = 'lmConsumer.askInkwell';
export const CONSUMER_RESULT = 'lm-consumer-result.json';

export interface ConsumerResult {
  models: { vendor: string; id: string; name: string; family: string; maxInputTokens: number }[];
  chunks: { text: string; atMs: number }[];
  error?: string;
}

const extensionJs = `
const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('${CONSUMER_COMMAND}', async () => {
    const result = { models: [], chunks: [] };
    try {
      const models = await vscode.lm.selectChatModels({ vendor: 'inkwell' });
      result.models = models.map((m) => ({ vendor: m.vendor, id: m.id, name: m.name, family: m.family, maxInputTokens: m.maxInputTokens }));
      const started = Date.now();
      const response = await models[0].sendRequest([vscode.LanguageModelChatMessage.User('Write a sentence about ink.')], { modelOptions: { maxTokens: 24 } });
      for await (const text of response.text) result.chunks.push({ text, atMs: Date.now() - started });
    } catch (error) {
      result.error = String(error && error.message || error);
    }
    const folder = vscode.workspace.workspaceFolders[0].uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '${CONSUMER_RESULT}'), Buffer.from(JSON.stringify(result)));
  }));
};
`;

export async function packConsumerExtension(outFile: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'inkwell-lm-consumer-'));
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'extension.js'), extensionJs);
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'lm-consumer',
      publisher: 'inkwell-tests',
      version: '0.0.1',
      engines: { vscode: '^1.104.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
      contributes: { commands: [{ command: CONSUMER_COMMAND, title: 'Ask Inkwell through vscode.lm' }] },
    }),
  );
  return packExtension({ extensionRoot: root, outFile });
}
