/**
 * One message of the transcript. User messages show their text as typed (with their images and
 * attached context); replies render as sanitized Markdown, re-rendered at most once a frame while
 * they stream, with the reply's speed underneath and actions for the reply and its code blocks.
 */
import type { RenderMarkdown } from '../markdown/renderMarkdown';
import type { AssistantEntry, ChatEntry, ChatError, UserEntry } from '../protocol/chatProtocol';
import { attachmentChip, imageThumbnail } from './attachmentChips';
import { addCodeBlockTools, type OnCodeAction } from './codeBlockTools';
import { el, iconButton, textButton } from './elements';

export interface EntryActions {
  onCodeAction: OnCodeAction;
  regenerate(entryId: string): void;
  editAndResend(entryId: string, text: string): void;
  deleteEntry(entryId: string): void;
  useFix(error: ChatError): void;
}

export interface EntryView {
  readonly element: HTMLLIElement;
  /** Replaces a streaming reply's text. */
  setText(text: string): void;
}

export function createEntryView(entry: ChatEntry, render: RenderMarkdown, actions: EntryActions): EntryView {
  return entry.role === 'user' ? userView(entry, actions) : replyView(entry, render, actions);
}

function userView(entry: UserEntry, actions: EntryActions): EntryView {
  const text = el('div', { class: 'user-text' }, entry.text);
  const context = el('div', { class: 'entry-context' }, ...entry.attachments.map((a) => attachmentChip(a)), ...entry.images.map((i) => imageThumbnail(i)));
  const element = el('li', { class: 'entry user', 'data-entry-id': entry.id, tabindex: -1, 'aria-label': 'You' });
  const toolbar = el(
    'div',
    { class: 'entry-actions', role: 'toolbar', 'aria-label': 'Message actions' },
    iconButton('edit', 'Edit and Resend', () => startEditing(element, entry, actions), { 'data-action': 'edit', tabindex: -1 }),
    iconButton('trash', 'Delete Message', () => actions.deleteEntry(entry.id), { 'data-action': 'delete', tabindex: -1 }),
  );
  element.append(el('div', { class: 'entry-header' }, el('span', { class: 'entry-author' }, 'You'), toolbar), text, context);
  return { element, setText: () => undefined };
}

function startEditing(element: HTMLLIElement, entry: UserEntry, actions: EntryActions): void {
  const textView = element.querySelector('.user-text')!;
  const input = el('textarea', { class: 'edit-input', 'aria-label': 'Edit message', rows: 3 });
  input.value = entry.text;
  const cancel = (): void => {
    form.replaceWith(textView);
    (element.querySelector('[data-action="edit"]') as HTMLElement | null)?.focus();
  };
  const submit = (): void => {
    if (input.value.trim()) actions.editAndResend(entry.id, input.value);
  };
  const form = el(
    'div',
    { class: 'edit-form' },
    input,
    el('div', { class: 'edit-buttons' }, textButton('Cancel', cancel, { class: 'text-button secondary' }), textButton('Send', submit, { 'data-action': 'resend' })),
  );
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      cancel();
    }
  });
  textView.replaceWith(form);
  input.focus();
}

function replyView(entry: AssistantEntry, render: RenderMarkdown, actions: EntryActions): EntryView {
  const body = el('div', { class: 'reply-body markdown' });
  const element = el('li', { class: `entry assistant ${entry.status}`, 'data-entry-id': entry.id, tabindex: -1, 'aria-label': 'Inkwell' });
  let text = entry.text;
  let frame = 0;
  const paint = (): void => {
    frame = 0;
    body.innerHTML = render(text);
    addCodeBlockTools(body, actions.onCodeAction);
    // Links and wide (scrolling) tables would each be a tab stop; they join the tab order only
    // while their message has focus (transcript.ts), like the message's buttons.
    for (const element of body.querySelectorAll<HTMLElement>('a, table')) element.tabIndex = -1;
  };
  const toolbar = el(
    'div',
    { class: 'entry-actions', role: 'toolbar', 'aria-label': 'Reply actions' },
    iconButton('copy', 'Copy Reply', () => actions.onCodeAction('copy', text, 'markdown'), { 'data-action': 'copy-reply', tabindex: -1 }),
    iconButton('insert', 'Insert Reply at Cursor', () => actions.onCodeAction('insert', text, 'markdown'), { 'data-action': 'insert-reply', tabindex: -1 }),
    iconButton('refresh', 'Regenerate', () => actions.regenerate(entry.id), { 'data-action': 'regenerate', tabindex: -1 }),
    iconButton('trash', 'Delete Reply', () => actions.deleteEntry(entry.id), { 'data-action': 'delete', tabindex: -1 }),
  );
  element.append(el('div', { class: 'entry-header' }, el('span', { class: 'entry-author' }, 'Inkwell'), toolbar), body);
  if (entry.status === 'streaming') {
    element.setAttribute('aria-busy', 'true');
    body.append(el('span', { class: 'typing', 'aria-hidden': 'true' }));
  } else {
    paint();
    element.append(replyFooter(entry, actions));
  }
  return {
    element,
    setText: (next) => {
      text = next;
      frame ||= requestAnimationFrame(paint);
    },
  };
}

function replyFooter(entry: AssistantEntry, actions: EntryActions): HTMLElement {
  const footer = el('div', { class: 'reply-footer' });
  if (entry.status === 'stopped') footer.append(el('span', { class: 'reply-status' }, 'Stopped'));
  if (entry.error) {
    const notice = el('div', { class: 'reply-error', role: 'alert' }, entry.error.message);
    const error = entry.error;
    if (error.fix) notice.append(' ', textButton(error.fix.label, () => actions.useFix(error), { 'data-action': 'fix' }));
    footer.append(notice);
  }
  if (entry.stats) footer.append(el('span', { class: 'reply-stats', title: `${entry.stats.generatedTokens} tokens` }, describeStats(entry)));
  return footer;
}

export function describeStats(entry: AssistantEntry): string {
  const stats = entry.stats!;
  return `${entry.model} · ${stats.tokensPerSecond.toFixed(1)} tokens/s · first token in ${Math.round(stats.timeToFirstTokenMs)} ms`;
}
