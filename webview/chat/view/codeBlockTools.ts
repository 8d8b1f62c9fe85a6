/** The buttons on each code block of a reply: copy, insert at the cursor, replace the selection, open as a new file. */
import type { CodeBlockAction } from '../protocol/chatProtocol';
import { el, iconButton } from './elements';

export type OnCodeAction = (action: CodeBlockAction, code: string, languageId: string) => void;

const ACTIONS: { action: CodeBlockAction; icon: string; label: string }[] = [
  { action: 'copy', icon: 'copy', label: 'Copy' },
  { action: 'insert', icon: 'insert', label: 'Insert at Cursor' },
  { action: 'replace', icon: 'replace', label: 'Replace Selection (with Diff Preview)' },
  { action: 'newDocument', icon: 'new-file', label: 'Open in New File' },
];

/** Wraps every `<pre>` under `body` in a frame with a toolbar (tabbable once its message has focus, see transcript.ts). */
export function addCodeBlockTools(body: HTMLElement, onAction: OnCodeAction): void {
  for (const pre of body.querySelectorAll('pre')) {
    const language = pre.dataset.language ?? '';
    const code = (): string => pre.textContent ?? '';
    const tools = el(
      'div',
      { class: 'code-tools', role: 'toolbar', 'aria-label': `${language || 'Code'} block` },
      el('span', { class: 'code-language' }, language),
      ...ACTIONS.map(({ action, icon, label }) => iconButton(icon, label, () => onAction(action, code(), language), { 'data-action': action, tabindex: -1 })),
    );
    const frame = el('div', { class: 'code-block' }, tools);
    pre.replaceWith(frame);
    frame.append(pre);
  }
}
