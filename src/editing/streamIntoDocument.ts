/**
 * Streams one generation into a region of a document (see `streamedEdit.ts` for why the result
 * is always one undo step). The generation itself is the caller's: it gets each piece to pass on
 * and a token that fires when the document changed under the stream and it should stop.
 */
import * as vscode from 'vscode';
import { DocumentEditTarget } from './documentEditTarget';
import { withLineEnding } from './regionText';
import { StreamedEdit, type RegionText, type StreamedEditResult } from './streamedEdit';

export interface DocumentRegion {
  /** Where the region starts in the document. */
  offset: number;
  /** What the region holds now: the selection for a replacement, '' for an insertion. */
  original: string;
  text: RegionText;
}

/** How the caller's generation ended: only 'complete' keeps the finished text. */
export interface GenerationEnding {
  kind: 'complete' | 'cancelled' | 'failed';
}

export async function streamIntoDocument<E extends GenerationEnding>(
  document: vscode.TextDocument,
  region: DocumentRegion,
  generate: (onDelta: (delta: string) => void, stop: vscode.CancellationToken) => Promise<E>,
): Promise<{ ending: E; edit: StreamedEditResult }> {
  const stop = new vscode.CancellationTokenSource();
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const target = new DocumentEditTarget(document, () => edit.interrupt());
  const edit = new StreamedEdit(target, region.offset, region.original, withLineEnding(region.text, eol), () => stop.cancel());
  try {
    const ending = await generate((delta) => edit.append(delta), stop.token);
    return { ending, edit: await edit.finish(ending.kind === 'complete' ? 'complete' : 'cancelled') };
  } finally {
    target.dispose();
    stop.dispose();
  }
}
