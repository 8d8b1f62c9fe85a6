/**
 * Alt text for a pasted image, written after the paste instead of during it. VS Code cancels a
 * paste whose resolve is still running when the selection moves or another editor comes to the
 * front (as the engine's panel does the first time it opens), and the image was lost with it; a
 * model takes seconds. So the link goes in at once with empty alt text, and the alt text then
 * streams into it like the "Generate alt text" quick fix: two undo steps, and nothing lost.
 */
import * as vscode from 'vscode';
import type { InkwellServices } from '../services';
import { describeMarkdownImage } from './describeMarkdownImage';
import type { ImageInput } from './imageTasks';
import { findMarkdownImages } from './markdownImages';

/** From resolving the paste to VS Code applying it. */
const APPLIED_WITHIN_MS = 10_000;

/** Call as the paste edit that inserts `link` into `document` is resolved. */
export function writeAltTextOncePasted(services: InkwellServices, document: vscode.TextDocument, link: string, image: ImageInput): void {
  const done = () => {
    clearTimeout(timer);
    listener.dispose();
  };
  const listener = vscode.workspace.onDidChangeTextDocument((event) => {
    const pasted = event.document === document ? event.contentChanges.find((change) => change.text.includes(link)) : undefined;
    if (!pasted) return;
    done();
    // Where the paste went, not the first such link (the document may already hold one): its
    // offset, moved by the changes before it in the same event (a paste at several cursors).
    const shift = event.contentChanges.filter((change) => change.rangeOffset < pasted.rangeOffset).reduce((sum, change) => sum + change.text.length - change.rangeLength, 0);
    const at = document.positionAt(pasted.rangeOffset + shift + pasted.text.indexOf(link));
    const inserted = findMarkdownImages(document.lineAt(at.line).text).find((found) => found.start === at.character);
    if (inserted) void describeMarkdownImage(services, document, at.line, inserted, { kind: 'altText' }, image);
  });
  const timer = setTimeout(done, APPLIED_WITHIN_MS);
}
