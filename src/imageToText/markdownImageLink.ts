/**
 * Writing Markdown image links: escaping alt text, encoding the destination, and naming a pasted
 * image's file next to the document the way VS Code's own Markdown paste does (`image.png`, then
 * `image-1.png`, ...).
 */
import { extensionForMimeType, type ImageMimeType } from './imageFormats';

export function markdownImageLink(alt: string, destination: string): string {
  return `![${escapeAltText(alt)}](${encodeDestination(destination)})`;
}

/** One line, with the characters that would end or break the `[...]` escaped. */
export function escapeAltText(alt: string): string {
  return alt.replace(/\s+/g, ' ').trim().replace(/[\\[\]]/g, '\\$&');
}

/** A path as a link destination: each segment percent-encoded where Markdown needs it. */
export function encodeDestination(path: string): string {
  return path
    .split('/')
    .map((segment) => segment.replace(/[ %()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`))
    .join('/');
}

/** The file name a pasted image gets: its own name if it has a sensible one, else `image.<ext>`. */
export function pastedImageFileName(suggested: string | undefined, mimeType: ImageMimeType): string {
  const extension = extensionForMimeType(mimeType);
  const base = (suggested ?? '').split(/[\\/]/).pop()!.replace(/[:*?"<>|\u0000-\u001f]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '');
  return stem === '' || stem.startsWith('.') ? `image.${extension}` : `${stem}.${extension === 'jpg' && /\.jpeg$/i.test(base) ? 'jpeg' : extension}`;
}

/** `name`, or `stem-1.ext`, `stem-2.ext`, ... the first that is not taken. */
export async function firstFreeFileName(name: string, isTaken: (candidate: string) => Promise<boolean>): Promise<string> {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? name : `${stem}-${n}${extension}`;
    if (!(await isTaken(candidate))) return candidate;
  }
}
