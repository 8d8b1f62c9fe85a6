/**
 * Editor text turned into attachments. Each is cut to a size the bundled small models can still
 * hold next to a question (their context is 2-8 K tokens; ~4 characters a token).
 */
import type { ContextAttachment } from '../../../webview/chat/protocol/chatProtocol';

export const MAX_ATTACHMENT_CHARS = 12_000;

export interface SelectionFacts {
  /** Identifies this exact selection: the document and the offsets. */
  key: string;
  path: string;
  languageId: string;
  text: string;
  /** 0-based, as VS Code counts. */
  startLine: number;
  endLine: number;
}

export function selectionAttachment(facts: SelectionFacts): ContextAttachment {
  const name = baseName(facts.path);
  const startLine = facts.startLine + 1;
  const endLine = facts.endLine + 1;
  return {
    id: facts.key,
    kind: 'selection',
    label: startLine === endLine ? `${name}:${startLine}` : `${name}:${startLine}-${endLine}`,
    path: facts.path,
    languageId: facts.languageId,
    startLine,
    endLine,
    ...cut(facts.text),
  };
}

export function fileAttachment(path: string, languageId: string, text: string): ContextAttachment {
  return { id: `file:${path}`, kind: 'file', label: baseName(path), path, languageId, ...cut(text) };
}

function cut(text: string): { text: string; truncated?: boolean } {
  return text.length <= MAX_ATTACHMENT_CHARS ? { text } : { text: text.slice(0, MAX_ATTACHMENT_CHARS), truncated: true };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
