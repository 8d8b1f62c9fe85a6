/**
 * The diff preview of a proposed edit (a rewrite streaming in, a chat code block in place of the
 * selection): the document as it was against the document with the new text in place, updated
 * while it streams, then accepted or rejected. The user decides through the notification, the ✓
 * and ✗ buttons in the diff's title bar (`inkwell.acceptRewrite`, `inkwell.rejectRewrite`), or
 * by closing the diff, which rejects. One review at a time: a new one rejects the one before.
 */
import * as vscode from 'vscode';
import { PREVIEW_SCHEME, type PreviewDocuments } from './previewDocuments';

export type ReviewDecision = 'accept' | 'reject';

/** What the review says; `{name}` stands for the document's name. */
export interface ReviewLabels {
  /** After "{name} ↔ " in the diff's title. */
  readonly diffTitle: string;
  readonly question: string;
  readonly accept: string;
  readonly reject: string;
}

export const REWRITE_LABELS: ReviewLabels = { diffTitle: 'Inkwell rewrite', question: "Apply Inkwell's rewrite to {name}?", accept: 'Accept', reject: 'Reject' };

/** Context key for the title bar buttons. */
const REVIEWING = 'inkwell.reviewingRewrite';

/** How often the streaming proposal re-renders: the diff is recomputed on each update. */
const UPDATE_INTERVAL_MS = 150;

export class EditReviews implements vscode.Disposable {
  private current: EditReview | undefined;
  private nextId = 1;

  constructor(private readonly previews: PreviewDocuments) {}

  /** Opens the diff with no change yet on the right. */
  async open(document: vscode.TextDocument, snapshot: string, range: { offset: number; length: number }, labels = REWRITE_LABELS): Promise<EditReview> {
    this.current?.settle('reject');
    const review = new EditReview(this.previews, document, snapshot, range, labels, this.nextId++, () => {
      if (this.current === review) this.current = undefined;
    });
    this.current = review;
    await review.show();
    return review;
  }

  settle(decision: ReviewDecision): void {
    this.current?.settle(decision);
  }

  dispose(): void {
    this.current?.close();
  }
}

export class EditReview {
  readonly originalUri: vscode.Uri;
  readonly proposalUri: vscode.Uri;
  private proposal: string;
  private pendingUpdate: ReturnType<typeof setTimeout> | undefined;
  private decided: ((decision: ReviewDecision) => void) | undefined;
  private settled = false;
  private readonly settledSource = new vscode.CancellationTokenSource();
  private tabWatch: vscode.Disposable | undefined;

  constructor(
    private readonly previews: PreviewDocuments,
    private readonly document: vscode.TextDocument,
    private readonly snapshot: string,
    private readonly range: { offset: number; length: number },
    private readonly labels: ReviewLabels,
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
    await vscode.commands.executeCommand('vscode.diff', this.originalUri, this.proposalUri, `${name} ↔ ${this.labels.diffTitle}`, { preview: false });
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
  decide(): Promise<ReviewDecision> {
    const asked = new Promise<ReviewDecision>((resolve) => (this.decided = resolve));
    if (this.settled) return Promise.resolve('reject');
    void vscode.commands.executeCommand('setContext', REVIEWING, true);
    const name = this.originalUri.path.split('/').pop() ?? '';
    const { question, accept, reject } = this.labels;
    void vscode.window
      .showInformationMessage(question.replace('{name}', name), accept, reject)
      .then((choice) => this.settle(choice === accept ? 'accept' : 'reject'));
    return asked;
  }

  /** Fires once the review is decided, even while the rewrite still streams (the diff was
   * closed): the generation can stop then. */
  get onSettled(): vscode.CancellationToken {
    return this.settledSource.token;
  }

  settle(decision: ReviewDecision): void {
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
