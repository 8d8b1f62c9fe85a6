/** Small DOM builders, so the views read as the structure they make. */

type Attributes = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

export function codicon(name: string): HTMLSpanElement {
  return el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A toolbar-style button showing only an icon; `label` is its accessible name and tooltip. */
export function iconButton(icon: string, label: string, onClick: (event: MouseEvent) => void, attributes: Attributes = {}): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, ...attributes }, codicon(icon));
  button.addEventListener('click', onClick);
  return button;
}

export function textButton(text: string, onClick: () => void, attributes: Attributes = {}): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'text-button', ...attributes }, text);
  button.addEventListener('click', onClick);
  return button;
}
