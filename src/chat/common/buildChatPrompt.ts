/**
 * The prompt the model sees for a conversation: every earlier turn in order, each user turn with
 * its images and its attached editor context. Failed replies are left out (they hold an error, not
 * the model's words); a stopped reply stays, since the user saw it and may refer to it.
 *
 * No system message of our own: the bundled models' chat templates supply their default one,
 * and every token of prefill is time to first token on a small local model.
 */
import type { ChatEntry, ContextAttachment, UserEntry } from '../../../webview/chat/protocol/chatProtocol';
import type { PromptMessage, PromptPart } from '../../providers/provider';

export function buildChatPrompt(entries: readonly ChatEntry[]): PromptMessage[] {
  const messages: PromptMessage[] = [];
  for (const entry of entries) {
    if (entry.role === 'user') messages.push({ role: 'user', content: userContent(entry) });
    else if ((entry.status === 'done' || entry.status === 'stopped') && entry.text.trim()) {
      messages.push({ role: 'assistant', content: [{ type: 'text', text: entry.text }] });
    }
  }
  return messages;
}

function userContent(entry: UserEntry): PromptPart[] {
  // Images first: SmolVLM was trained with the image ahead of the question about it.
  const images: PromptPart[] = entry.images.map((image) => ({ type: 'image', bytes: image.bytes, mimeType: image.mimeType }));
  const context = entry.attachments.map(describeAttachment);
  const text = [...context, entry.text].filter((part) => part.trim()).join('\n\n');
  return [...images, { type: 'text', text }];
}

/** An attachment as the model reads it: where it comes from, then the text in a fence it cannot close. */
export function describeAttachment(attachment: ContextAttachment): string {
  const lines = attachment.startLine === undefined ? '' : ` (lines ${attachment.startLine}-${attachment.endLine ?? attachment.startLine})`;
  const what = attachment.kind === 'selection' ? 'Selected text from' : 'File';
  const note = attachment.truncated ? '\n(The text was cut short to fit.)' : '';
  const fence = fenceFor(attachment.text);
  return `${what} \`${attachment.path}\`${lines}:\n${fence}${fenceLanguage(attachment.languageId)}\n${attachment.text}\n${fence}${note}`;
}

/** Three backticks, or one more than the longest run of backticks in the text. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function fenceLanguage(languageId: string): string {
  return languageId === 'plaintext' ? '' : languageId;
}
