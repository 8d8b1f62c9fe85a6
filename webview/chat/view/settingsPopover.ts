/** The generation settings of the chat (temperature, most tokens per reply), in a popover under the toolbar. */
import type { ChatGenerationSettings } from '../protocol/chatProtocol';
import { el } from './elements';

export class SettingsPopover {
  readonly element: HTMLElement;
  private readonly temperature = el('input', { type: 'range', min: 0, max: 2, step: 0.05, id: 'chat-temperature' });
  private readonly temperatureValue = el('output', { for: 'chat-temperature' });
  private readonly maxTokens = el('input', { type: 'number', min: 1, max: 32768, step: 1, id: 'chat-max-tokens' });

  constructor(
    private readonly onChange: (settings: ChatGenerationSettings) => void,
    private readonly onClose: () => void,
  ) {
    this.element = el(
      'div',
      { class: 'popover', role: 'dialog', 'aria-label': 'Generation settings', hidden: true },
      el('label', { for: 'chat-temperature' }, 'Temperature'),
      el('div', { class: 'range-row' }, this.temperature, this.temperatureValue),
      el('label', { for: 'chat-max-tokens' }, 'Max tokens per reply'),
      this.maxTokens,
    );
    this.temperature.addEventListener('input', () => {
      this.temperatureValue.textContent = Number(this.temperature.value).toFixed(2);
      this.changed();
    });
    this.maxTokens.addEventListener('change', () => this.changed());
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.onClose();
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  set(settings: ChatGenerationSettings): void {
    this.temperature.value = String(settings.temperature);
    this.temperatureValue.textContent = settings.temperature.toFixed(2);
    this.maxTokens.value = String(settings.maxNewTokens);
  }

  open(): void {
    this.element.hidden = false;
    this.temperature.focus();
  }

  close(): void {
    this.element.hidden = true;
  }

  private changed(): void {
    const maxNewTokens = Math.round(Number(this.maxTokens.value));
    if (!Number.isFinite(maxNewTokens) || maxNewTokens < 1) return;
    this.onChange({ temperature: Number(this.temperature.value), maxNewTokens: Math.min(maxNewTokens, 32768) });
  }
}
