/**
 * The diff preview of a rewrite: the document as it was against the document with the rewrite
 * in place, updated while the rewrite streams in, then accepted or rejected. The user decides
 * through the notification, the ✓ and ✗ buttons in the diff's title bar (`inkwell.acceptRewrite`,
 * `inkwell.rejectRewrite`), or by closing the diff, which rejects. One review at a time: a new
 * one rejects the one before.
 */
import * as vscode from 'vscode';
import { PREVIEW_SCHEME, type PreviewDocuments } from './previewDocuments';

export type RewriteDecision = 'accept' | 'reject';

/** Context key for the title bar buttons. */
const REVIEWING = 'inkwell.reviewingRewrite';

/** How often the streaming proposal re-renders: the diff is recomputed on each update. */
const UPDATE_INTERVAL_MS = 150;

export class RewriteReviews implements vscode.Disposable {
  private current: RewriteReview | undefined;
  private nextId = 1;

  constructor(private readonly previews: PreviewDocuments) {}

  /** Opens the diff with no change yet on the right. */
  async open(document: vscode.TextDocument, snapshot: string, range: { offset: number; length: number }): Promise<RewriteReview> {
    this.current?.settle('reject');
    const review = new RewriteReview(this.previews, document, snapshot, range, this.nextId++, () => {
      if (this.current === review) this.current = undefined;
    });
    this.current = review;
    await review.show();
    return review;
  }

  settle(decision: RewriteDecision): void {
    this.current?.settle(decision);
  }

  dispose(): void {
    this.current?.close();
  }
}

export class RewriteReview {
  readonly originalUri: vscode.Uri;
  readonly proposalUri: vscode.Uri;
  private proposal: string;
  private pendingUpdate: ReturnType<typeof setTimeout> | undefined;
  private decided: ((decision: RewriteDecision) => void) | undefined;
  private settled = false;
  private readonly settledSource = new vscode.CancellationTokenSource();
  private tabWatch: vscode.Disposable | undefined;

  constructor(
    private readonly previews: PreviewDocuments,
    private readonly document: vscode.TextDocument,
    private readonly snapshot: string,
    private readonly range: { offset: number; length: number },
    id: number,
    private readonly onClose: () => void,
  ) {
    const name = document.uri.path.split('/').pop() || 'document';
    this.originalUri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${id}/original/${name}` });
    this.proposalUri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${id}/rewrite/${name}` });
    this.proposal = snapshot;
  }

  async show(): Promise<void> {
    this.previews.set(this.originalUri, this.snapshot);
    this.previews.set(this.proposalUri, this.snapshot);
    // The preview's language follows the document's, not its name's (an untitled Markdown file).
    for (const uri of [this.originalUri, this.proposalUri]) {
      const preview = await vscode.workspace.openTextDocument(uri);
      if (preview.languageId !== this.document.languageId) await vscode.languages.setTextDocumentLanguage(preview, this.document.languageId);
    }
    const name = this.originalUri.path.split('/').pop();
    await vscode.commands.executeCommand('vscode.diff', this.originalUri, this.proposalUri, `${name} ↔ Inkwell rewrite`, { preview: false });
    this.tabWatch = vscode.window.tabGroups.onDidChangeTabs((event) => {
      if (event.closed.some((tab) => this.isOurTab(tab))) this.settle('reject');
    });
  }

  /** The selection's new text; shown at most every UPDATE_INTERVAL_MS unless `now`. */
  update(rewritten: string, now = false): void {
    this.proposal = this.snapshot.slice(0, this.range.offset) + rewritten + this.snapshot.slice(this.range.offset + this.range.length);
    if (now) {
      clearTimeout(this.pendingUpdate);
      this.pendingUpdate = undefined;
      this.previews.set(this.proposalUri, this.proposal);
    } else {
      this.pendingUpdate ??= setTimeout(() => {
        this.pendingUpdate = undefined;
        this.previews.set(this.proposalUri, this.proposal);
      }, UPDATE_INTERVAL_MS);
    }
  }

  /** Asks; resolves with the first answer from any of the ways to give one. */
  decide(): Promise<RewriteDecision> {
    const asked = new Promise<RewriteDecision>((resolve) => (this.decided = resolve));
    if (this.settled) return Promise.resolve('reject');
    void vscode.commands.executeCommand('setContext', REVIEWING, true);
    const name = this.originalUri.path.split('/').pop();
    void vscode.window
      .showInformationMessage(`Apply Inkwell's rewrite to ${name}?`, 'Accept', 'Reject')
      .then((choice) => this.settle(choice === 'Accept' ? 'accept' : 'reject'));
    return asked;
  }

  /** Fires once the review is decided, even while the rewrite still streams (the diff was
   * closed): the generation can stop then. */
  get onSettled(): vscode.CancellationToken {
    return this.settledSource.token;
  }

  settle(decision: RewriteDecision): void {
    if (this.settled) return;
    this.settled = true;
    this.decided?.(decision);
    this.settledSource.cancel();
  }

  /** Closes the diff and forgets the preview texts. */
  close(): void {
    this.settle('reject');
    clearTimeout(this.pendingUpdate);
    this.tabWatch?.dispose();
    this.settledSource.dispose();
    void vscode.commands.executeCommand('setContext', REVIEWING, false);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => this.isOurTab(tab));
    void vscode.window.tabGroups.close(tabs).then(() => {
      this.previews.delete(this.originalUri);
      this.previews.delete(this.proposalUri);
    });
    this.onClose();
  }

  private isOurTab(tab: vscode.Tab): boolean {
    return tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === this.proposalUri.toString();
  }
}
