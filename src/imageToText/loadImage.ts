/**
 * Reads an image for the model: from a file, or from what a Markdown image points at. Problems
 * (missing file, a format the engine cannot decode, an image on the web) come back as values
 * with a message for the user.
 */
import * as vscode from 'vscode';
import { MAX_IMAGE_BYTES, sniffImageMimeType } from './imageFormats';
import { parseImageReference } from './imageReference';
import type { ImageInput } from './imageTasks';

export type LoadedImage = { image: ImageInput; problem?: undefined } | { image?: undefined; problem: string };

export async function loadImageFile(uri: vscode.Uri): Promise<LoadedImage> {
  const name = uri.path.split('/').pop();
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return { problem: `Inkwell cannot read the image ${name}: the file is missing or unreadable.` };
  }
  return checkedImage(bytes, name ?? 'the image');
}

/** `target` as written in `![alt](target)` in `document`. */
export async function loadMarkdownImage(document: vscode.TextDocument, target: string): Promise<LoadedImage> {
  const reference = parseImageReference(target);
  switch (reference.kind) {
    case 'data':
      return checkedImage(reference.bytes, 'the inline image');
    case 'remote':
      return { problem: `Inkwell reads images on this machine only, and ${reference.url} is on the web. Save it next to the document first.` };
    case 'unreadable':
      return { problem: reference.reason };
    case 'absolute':
      return loadImageFile(vscode.Uri.file(reference.path));
    case 'workspaceRoot': {
      const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
      if (!folder) return { problem: `Inkwell cannot tell where ${target} is: there is no workspace folder.` };
      return loadImageFile(vscode.Uri.joinPath(folder.uri, reference.path));
    }
    case 'relative':
      if (document.isUntitled) return { problem: `Inkwell cannot tell where ${target} is: save the document first.` };
      return loadImageFile(vscode.Uri.joinPath(document.uri, '..', reference.path));
  }
}

function checkedImage(bytes: Uint8Array, name: string): LoadedImage {
  const mimeType = sniffImageMimeType(bytes);
  if (!mimeType) return { problem: `Inkwell reads PNG, JPEG, WebP and GIF images, and ${name} is none of them.` };
  if (bytes.length > MAX_IMAGE_BYTES) return { problem: `${name} is too large for Inkwell (over ${MAX_IMAGE_BYTES / 1024 / 1024} MB).` };
  return { image: { bytes, mimeType } };
}
