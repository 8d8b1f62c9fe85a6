/**
 * What a Markdown image's destination points at: a file relative to the document, a file under
 * the workspace root (`/images/a.png`, as VS Code's Markdown preview reads it), a `file:` URL,
 * an image inline in a `data:` URL, or something on the web, which Inkwell does not fetch
 * (everything it reads stays on this machine).
 */
import { isImageMimeType, type ImageMimeType } from './imageFormats';

export type ImageReference =
  | { kind: 'relative'; path: string }
  | { kind: 'workspaceRoot'; path: string }
  | { kind: 'absolute'; path: string }
  | { kind: 'data'; bytes: Uint8Array; mimeType: ImageMimeType }
  | { kind: 'remote'; url: string }
  | { kind: 'unreadable'; reason: string };

export function parseImageReference(target: string): ImageReference {
  const trimmed = target.trim();
  if (/^data:/i.test(trimmed)) return parseDataUrl(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return /^file:\/\//i.test(trimmed) ? fileUrl(trimmed) : { kind: 'remote', url: trimmed };
  }
  const path = decodePath(trimmed.split(/[?#]/)[0]);
  if (path === undefined) return { kind: 'unreadable', reason: `"${trimmed}" is not a valid path.` };
  return path.startsWith('/') ? { kind: 'workspaceRoot', path: path.slice(1) } : { kind: 'relative', path };
}

function fileUrl(url: string): ImageReference {
  try {
    return { kind: 'absolute', path: decodeURIComponent(new URL(url).pathname) };
  } catch {
    return { kind: 'unreadable', reason: `"${url}" is not a valid file URL.` };
  }
}

function parseDataUrl(url: string): ImageReference {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(url);
  const mimeType = match?.[1].toLowerCase() ?? '';
  if (!match || !isImageMimeType(mimeType)) return { kind: 'unreadable', reason: 'Inkwell reads PNG, JPEG, WebP and GIF images.' };
  const isBase64 = /;base64/i.test(match[2]);
  const bytes = isBase64 ? Uint8Array.from(Buffer.from(match[3], 'base64')) : new TextEncoder().encode(decodeURIComponent(match[3]));
  return { kind: 'data', bytes, mimeType };
}

function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path.replace(/\\(.)/g, '$1'));
  } catch {
    return undefined;
  }
}
