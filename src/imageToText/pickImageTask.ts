/** Asks what to write about an image: one of `IMAGE_TASKS`, and the instruction for a custom one. */
import * as vscode from 'vscode';
import { IMAGE_TASKS, type ImageTask } from './imageTasks';

const TITLE = 'Inkwell: Describe Image';

export async function pickImageTask(): Promise<ImageTask | undefined> {
  const items = IMAGE_TASKS.map((entry) => ({ label: entry.label, detail: entry.detail, task: entry.kind }));
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'What should Inkwell write about the image?' });
  if (!picked) return undefined;
  if (picked.task !== 'custom') return { kind: picked.task };
  const instruction = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'What should Inkwell write about the image?',
    placeHolder: 'e.g. List the objects in it',
    validateInput: (value) => (value.trim() === '' ? 'Say what to write.' : undefined),
  });
  return instruction?.trim() ? { kind: 'custom', instruction: instruction.trim() } : undefined;
}
