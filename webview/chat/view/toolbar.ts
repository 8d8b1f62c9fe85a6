/** The strip at the top of the view: the model picker and the buttons for settings, history and a new chat. */
import type { ModelChoice } from '../protocol/chatProtocol';
import { el, iconButton } from './elements';

export interface ToolbarActions {
  selectModel(model: string): void;
  toggleSettings(): void;
  toggleHistory(): void;
  newChat(): void;
}

export class Toolbar {
  readonly element: HTMLElement;
  readonly settingsButton: HTMLButtonElement;
  readonly historyButton: HTMLButtonElement;
  private readonly picker = el('select', { class: 'model-picker', 'aria-label': 'Model', title: 'Model' });

  constructor(actions: ToolbarActions) {
    this.picker.addEventListener('change', () => actions.selectModel(this.picker.value));
    this.settingsButton = iconButton('settings', 'Generation Settings', () => actions.toggleSettings(), { 'aria-expanded': 'false', 'data-action': 'settings' });
    this.historyButton = iconButton('history', 'Chat History', () => actions.toggleHistory(), { 'aria-pressed': 'false', 'data-action': 'history' });
    this.element = el(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Chat' },
      this.picker,
      el('span', { class: 'spacer' }),
      this.settingsButton,
      this.historyButton,
      iconButton('add', 'New Chat', () => actions.newChat(), { 'data-action': 'new-chat' }),
    );
  }

  setModels(choices: ModelChoice[], current: string): void {
    this.picker.replaceChildren(
      ...choices.map((choice) => el('option', { value: choice.id, title: choice.detail, selected: choice.id === current }, choice.label)),
    );
    this.picker.value = current;
  }
}
