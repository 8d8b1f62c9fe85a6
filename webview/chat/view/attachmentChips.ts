/** Chips for attached editor context and thumbnails for images, removable where `onRemove` is given. */
import type { ChatImage, ContextAttachment } from '../protocol/chatProtocol';
import { codicon, el, iconButton } from './elements';

export function attachmentChip(attachment: ContextAttachment, onRemove?: () => void, extraClass = ''): HTMLElement {
  const what = attachment.kind === 'selection' ? 'Selection' : 'File';
  const chip = el(
    'span',
    { class: `chip ${extraClass}`.trim(), title: `${what}: ${attachment.path}`, 'data-kind': attachment.kind },
    codicon(attachment.kind === 'selection' ? 'list-selection' : 'file'),
    el('span', { class: 'chip-label' }, attachment.label),
  );
  if (onRemove) chip.append(iconButton('close', `Remove ${what.toLowerCase()} ${attachment.label}`, onRemove, { class: 'icon-button chip-remove' }));
  return chip;
}

export function imageThumbnail(image: ChatImage, onRemove?: () => void): HTMLElement {
  const url = URL.createObjectURL(new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mimeType }));
  const img = el('img', { src: url, alt: image.name });
  // The element keeps its decoded pixels; the URL is only needed until then.
  img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
  const thumbnail = el('span', { class: 'thumbnail', title: image.name }, img);
  if (onRemove) thumbnail.append(iconButton('close', `Remove image ${image.name}`, onRemove, { class: 'icon-button chip-remove' }));
  return thumbnail;
}
