/**
 * Writes about an image file that no document shows (picked in the explorer, its own tab, a
 * file dialog) and opens the result in a new untitled Markdown document. The document opens
 * when the text is complete, so a failure (a model that reads text only) leaves nothing behind.
 */
import * as vscode from 'vscode';
import { generateWithProgress } from '../commands/generateWithProgress';
import { showGenerationError } from '../commands/showGenerationError';
import type { InkwellServices } from '../services';
import { buildImageMessages, imageGenerationSettings, imageTaskEntry, shapeImageText, type ImageTask } from './imageTasks';
import { loadImageFile } from './loadImage';

export async function describeImageFile(services: InkwellServices, uri: vscode.Uri, task: ImageTask): Promise<void> {
  const loaded = await loadImageFile(uri);
  if (!loaded.image) {
    void vscode.window.showErrorMessage(loaded.problem);
    return;
  }
  let generated = '';
  const ending = await generateWithProgress(services.provider, {
    title: imageTaskEntry(task.kind).progressTitle,
    request: {
      messages: buildImageMessages(task, loaded.image),
      settings: imageGenerationSettings(task, services.settings().generation),
      purpose: 'draft',
    },
    onDelta: (delta) => (generated += delta),
  });
  if (ending.kind === 'failed') {
    void showGenerationError(ending.error, () => describeImageFile(services, uri, task));
    return;
  }
  if (ending.kind === 'cancelled') return;
  const text = shapeImageText(task, generated);
  if (text === '') {
    void vscode.window.showInformationMessage('The model wrote nothing about this image.');
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `${text}\n` });
  await vscode.window.showTextDocument(document);
}
