/** Past conversations of this workspace: searchable, and each one can be opened, renamed, exported or deleted. */
import type { ConversationSummary } from '../protocol/chatProtocol';
import { el, iconButton } from './elements';

export interface HistoryActions {
  search(query: string): void;
  open(id: string): void;
  rename(id: string, title: string): void;
  export(id: string): void;
  delete(id: string): void;
}

const SEARCH_DELAY_MS = 150;

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly searchInput = el('input', { type: 'search', class: 'history-search', placeholder: 'Search chats', 'aria-label': 'Search chats' });
  private readonly list = el('ul', { class: 'history-list', 'aria-label': 'Chats' });
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** The rendered items by what they show, so a refresh keeps the elements it does not change. */
  private rendered = new Map<string, HTMLLIElement>();

  constructor(private readonly actions: HistoryActions) {
    this.element = el('section', { class: 'history', 'aria-label': 'Chat history', hidden: true }, this.searchInput, this.list);
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => actions.search(this.searchInput.value), SEARCH_DELAY_MS);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.element.hidden = false;
    this.actions.search(this.searchInput.value);
    this.searchInput.focus();
  }

  close(): void {
    this.element.hidden = true;
  }

  /**
   * Opening the panel shows the last list at once and the host's fresh one a moment later. Items
   * that did not change stay the same elements, untouched when nothing changed: a click whose
   * press and release straddle the refresh still lands, and focus stays where it was.
   */
  show(conversations: ConversationSummary[]): void {
    const rendered = new Map<string, HTMLLIElement>();
    const items = conversations.map((summary) => {
      const key = JSON.stringify([summary.id, summary.title, summary.updatedAt, summary.entryCount]);
      const item = this.rendered.get(key) ?? this.item(summary);
      rendered.set(key, item);
      return item;
    });
    this.rendered = rendered;
    const current = [...this.list.children];
    if (items.length && items.length === current.length && items.every((item, i) => item === current[i])) return;
    this.list.replaceChildren(...(items.length ? items : [el('li', { class: 'history-empty' }, this.searchInput.value ? 'No chat matches.' : 'No chats yet.')]));
  }

  private item(summary: ConversationSummary): HTMLLIElement {
    const when = new Date(summary.updatedAt).toLocaleString();
    const open = el('button', { type: 'button', class: 'history-open', 'data-action': 'open', title: `${summary.title} (${when})` }, el('span', { class: 'history-title' }, summary.title), el('span', { class: 'history-meta' }, `${summary.entryCount} messages · ${when}`));
    open.addEventListener('click', () => this.actions.open(summary.id));
    const item = el('li', { class: 'history-item', 'data-conversation-id': summary.id });
    const rename = (): void => {
      const input = el('input', { type: 'text', class: 'history-rename', 'aria-label': 'Chat name', value: summary.title });
      const finish = (save: boolean): void => {
        if (save && input.value.trim() && input.value !== summary.title) this.actions.rename(summary.id, input.value.trim());
        input.replaceWith(open);
        open.focus();
      };
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') finish(true);
        else if (event.key === 'Escape') {
          event.stopPropagation();
          finish(false);
        }
      });
      input.addEventListener('blur', () => input.isConnected && finish(true));
      open.replaceWith(input);
      input.select();
    };
    item.append(
      open,
      el(
        'span',
        { class: 'history-actions' },
        iconButton('edit', `Rename ${summary.title}`, rename, { 'data-action': 'rename' }),
        iconButton('export', `Export ${summary.title} to Markdown`, () => this.actions.export(summary.id), { 'data-action': 'export' }),
        iconButton('trash', `Delete ${summary.title}`, () => this.actions.delete(summary.id), { 'data-action': 'delete' }),
      ),
    );
    return item;
  }
}
