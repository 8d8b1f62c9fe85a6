/**
 * Conversations as JSON files: image bytes as base64, and every file checked with the protocol's
 * own shape check when read back, so a damaged or hand-edited file is reported, never half-used.
 */
import type { Conversation } from '../../../webview/chat/protocol/chatProtocol';
import { conversation as conversationShape } from '../../../webview/chat/protocol/validateChatMessage';
import { isRecord } from '../../../webview/protocol/shapeChecks';

export type Decoded = { ok: true; conversation: Conversation } | { ok: false; reason: string };

export function encodeConversation(conversation: Conversation): string {
  return JSON.stringify(conversation, (_key, value: unknown) =>
    value instanceof Uint8Array ? { base64: Buffer.from(value).toString('base64') } : value,
  );
}

export function decodeConversation(json: string): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(json, (_key, raw: unknown) =>
      isRecord(raw) && typeof raw.base64 === 'string' && Object.keys(raw).length === 1 ? new Uint8Array(Buffer.from(raw.base64, 'base64')) : raw,
    );
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const reason = conversationShape(value, 'conversation');
  return reason === undefined ? { ok: true, conversation: value as Conversation } : { ok: false, reason };
}
