/**
 * What a screen reader hears about the conversation. The transcript itself is not a live region:
 * a streaming reply changes dozens of times a second and would be read out piece by piece.
 * Instead this says when a reply starts, and reads the finished reply once, whole.
 */
import { el } from './elements';

export class Announcer {
  readonly element = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

  say(text: string): void {
    // Clearing first makes the same words announce again.
    this.element.textContent = '';
    requestAnimationFrame(() => (this.element.textContent = text));
  }
}
