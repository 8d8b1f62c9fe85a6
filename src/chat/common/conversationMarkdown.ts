/**
 * A conversation as a Markdown document, for "Export to Markdown": a heading per turn, attached
 * context listed by name (its text stays in the editor it came from), images named, and the
 * replies' own Markdown as the model wrote it.
 */
import type { ChatEntry, Conversation } from '../../../webview/chat/protocol/chatProtocol';

export function conversationToMarkdown(conversation: Conversation, exportedAt: Date): string {
  const parts = [`# ${conversation.title || 'Inkwell chat'}`, `_Exported from Inkwell on ${exportedAt.toISOString().slice(0, 10)}._`];
  for (const entry of conversation.entries) parts.push(entryToMarkdown(entry));
  return `${parts.join('\n\n')}\n`;
}

function entryToMarkdown(entry: ChatEntry): string {
  if (entry.role === 'user') {
    const context = [
      ...entry.attachments.map((a) => `- ${a.kind === 'selection' ? 'Selection' : 'File'}: \`${a.label}\``),
      ...entry.images.map((image) => `- Image: ${image.name}`),
    ];
    return ['## You', entry.text, context.length ? `Attached:\n\n${context.join('\n')}` : ''].filter(Boolean).join('\n\n');
  }
  const ending = entry.status === 'stopped' ? '\n\n_(stopped)_' : entry.status === 'failed' ? `\n\n_(failed: ${entry.error?.message ?? 'unknown error'})_` : '';
  return `## Inkwell (${entry.model})\n\n${entry.text}${ending}`;
}
