/**
 * The conversation as a list. Long conversations render incrementally: the newest PAGE entries
 * first, and earlier ones a page at a time as the user scrolls up towards them, keeping what is
 * on screen where it was. Entries off screen skip layout and paint (`content-visibility: auto`
 * in chat.css), so a 500-message conversation opens as fast as a 40-message one.
 *
 * Keyboard: the list is one tab stop; Up/Down (and Home/End) move between messages, Tab then
 * reaches the focused message's actions and links. Those of the other messages stay out of the tab
 * order, or a long conversation would put hundreds of buttons between the toolbar and the box.
 */
import type { RenderMarkdown } from '../markdown/renderMarkdown';
import type { AssistantEntry, ChatEntry, Conversation } from '../protocol/chatProtocol';
import { el } from './elements';
import { createEntryView, type EntryActions, type EntryView } from './entryView';

const PAGE = 40;
/** Earlier messages come in smaller batches: each is rendered (Markdown, highlighting) while the user scrolls. */
const EARLIER_BATCH = 12;
/** Within this many pixels of the bottom counts as "following" the stream. */
const FOLLOW_SLACK_PX = 40;

export class Transcript {
  readonly element = el('div', { class: 'transcript-scroller' });
  private readonly list = el('ol', { class: 'transcript', 'aria-label': 'Conversation', tabindex: 0 });
  private readonly sentinel = el('li', { class: 'load-earlier', 'aria-hidden': 'true' });
  private entries: ChatEntry[] = [];
  private views = new Map<string, EntryView>();
  /** Index of the first rendered entry. */
  private start = 0;
  private readonly observer: IntersectionObserver;

  constructor(
    private readonly render: RenderMarkdown,
    private readonly actions: EntryActions,
  ) {
    this.element.append(this.list);
    this.observer = new IntersectionObserver((records) => {
      if (records.some((record) => record.isIntersecting)) this.renderEarlier();
    }, { root: this.element, rootMargin: '400px 0px 0px 0px' });
    this.list.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.list.addEventListener('focusin', (event) => setActionsTabbable((event.target as Element).closest('li.entry'), true));
    this.list.addEventListener('focusout', (event) => {
      const entry = (event.target as Element).closest('li.entry');
      if (!entry?.contains(event.relatedTarget as Node | null)) setActionsTabbable(entry, false);
    });
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  show(conversation: Conversation): void {
    this.entries = [...conversation.entries];
    this.start = Math.max(0, this.entries.length - PAGE);
    this.views.clear();
    this.list.replaceChildren(...this.entries.slice(this.start).map((entry) => this.viewOf(entry).element));
    this.updateSentinel();
    this.scrollToEnd();
  }

  /** Entries from `from` on are replaced by `entries`. */
  replaceFrom(from: number, entries: ChatEntry[]): void {
    const follow = this.isFollowing();
    for (const old of this.entries.slice(from)) {
      this.views.get(old.id)?.element.remove();
      this.views.delete(old.id);
    }
    this.entries = [...this.entries.slice(0, from), ...entries];
    if (from < this.start) this.start = from;
    for (const entry of entries) this.list.append(this.viewOf(entry).element);
    if (follow || entries.some((entry) => entry.role === 'user')) this.scrollToEnd();
  }

  appendDelta(entryId: string, text: string): void {
    const entry = this.entries.find((candidate) => candidate.id === entryId);
    if (!entry || entry.role !== 'assistant') return;
    const follow = this.isFollowing();
    entry.text += text;
    this.views.get(entryId)?.setText(entry.text);
    if (follow) requestAnimationFrame(() => this.scrollToEnd());
  }

  /** A reply finished (or stopped, or failed): render it in its final form. */
  endReply(entry: AssistantEntry): void {
    const index = this.entries.findIndex((candidate) => candidate.id === entry.id);
    if (index < 0) return;
    const follow = this.isFollowing();
    this.entries[index] = entry;
    const old = this.views.get(entry.id);
    this.views.delete(entry.id);
    const view = this.viewOf(entry);
    const hadFocus = old?.element.contains(document.activeElement) ?? false;
    old?.element.replaceWith(view.element);
    if (hadFocus) view.element.focus();
    if (follow) this.scrollToEnd();
  }

  focusLast(): void {
    (this.list.lastElementChild as HTMLElement | null)?.focus();
  }

  private viewOf(entry: ChatEntry): EntryView {
    let view = this.views.get(entry.id);
    if (!view) {
      view = createEntryView(entry, this.render, this.actions);
      this.views.set(entry.id, view);
    }
    return view;
  }

  private renderEarlier(): void {
    if (this.start === 0) return;
    const from = Math.max(0, this.start - EARLIER_BATCH);
    const previousHeight = this.element.scrollHeight;
    const views = this.entries.slice(from, this.start).map((entry) => this.viewOf(entry).element);
    this.sentinel.after(...views);
    this.start = from;
    this.updateSentinel();
    // Keep the messages the user is reading where they were.
    this.element.scrollTop += this.element.scrollHeight - previousHeight;
  }

  private updateSentinel(): void {
    this.observer.disconnect();
    if (this.start > 0) {
      this.list.prepend(this.sentinel);
      this.observer.observe(this.sentinel);
    } else this.sentinel.remove();
  }

  private isFollowing(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.element;
    return scrollHeight - scrollTop - clientHeight <= FOLLOW_SLACK_PX;
  }

  private scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const items = [...this.list.querySelectorAll<HTMLElement>(':scope > li.entry')];
    if (items.length === 0) return;
    const current = items.findIndex((item) => item.contains(document.activeElement));
    const target =
      event.key === 'ArrowDown' ? Math.min(items.length - 1, current + 1)
      : event.key === 'ArrowUp' ? (current < 0 ? items.length - 1 : Math.max(0, current - 1))
      : event.key === 'Home' ? 0
      : event.key === 'End' ? items.length - 1
      : undefined;
    if (target === undefined || (event.target as HTMLElement).closest('textarea, input')) return;
    event.preventDefault();
    items[target]!.focus();
    if (target === 0) this.renderEarlier();
  }
}

function setActionsTabbable(entry: Element | null, tabbable: boolean): void {
  for (const control of entry?.querySelectorAll<HTMLElement>('.entry-actions button, .code-tools button, .reply-body a[href]') ?? []) control.tabIndex = tabbable ? 0 : -1;
}
