/**
 * Runtime checks for every message between the extension host and the chat webview, in both
 * directions, built from the same shape checks as the engine protocol. A malformed message is
 * rejected with a reason to log, never acted on.
 */
import {
  arrayOf,
  isBoolean,
  isBytes,
  isNonNegative,
  isString,
  objectWith,
  oneOf,
  optional,
  unionBy,
  validateShape,
  type ShapeCheck,
  type Validation,
} from '../../protocol/shapeChecks';
import type { ChatToHostMessage, HostToChatMessage } from './chatProtocol';

const attachment = objectWith({
  id: isString,
  kind: oneOf('selection', 'file'),
  label: isString,
  path: isString,
  languageId: isString,
  text: isString,
  startLine: optional(isNonNegative),
  endLine: optional(isNonNegative),
  truncated: optional(isBoolean),
});

const image = objectWith({ id: isString, name: isString, mimeType: isString, bytes: isBytes });

const chatError = objectWith({
  code: isString,
  message: isString,
  fix: optional(unionBy('kind', { useModel: objectWith({ model: isString, label: isString }) })),
});

const assistantEntry = objectWith({
  id: isString,
  role: oneOf('assistant'),
  text: isString,
  status: oneOf('streaming', 'done', 'stopped', 'failed'),
  model: isString,
  stats: optional(objectWith({ tokensPerSecond: isNonNegative, timeToFirstTokenMs: isNonNegative, generatedTokens: isNonNegative })),
  error: optional(chatError),
});

export const chatEntry: ShapeCheck = unionBy('role', {
  user: objectWith({ id: isString, text: isString, images: arrayOf(image), attachments: arrayOf(attachment) }),
  assistant: assistantEntry,
});

export const conversation: ShapeCheck = objectWith({
  id: isString,
  title: isString,
  createdAt: isNonNegative,
  updatedAt: isNonNegative,
  entries: arrayOf(chatEntry),
});

const settings = objectWith({ temperature: isNonNegative, maxNewTokens: isNonNegative });

const hostToChat: ShapeCheck = unionBy('type', {
  conversation: objectWith({ conversation, generating: isBoolean }),
  entries: objectWith({ conversationId: isString, from: isNonNegative, entries: arrayOf(chatEntry) }),
  delta: objectWith({ entryId: isString, text: isString }),
  replyEnded: objectWith({ entry: assistantEntry }),
  models: objectWith({
    choices: arrayOf(objectWith({ id: isString, label: isString, detail: isString, canReadImages: optional(isBoolean) })),
    current: isString,
  }),
  settings: objectWith({ settings }),
  selection: objectWith({ attachment: optional(attachment) }),
  attached: objectWith({ attachments: arrayOf(attachment) }),
  imagesPicked: objectWith({ images: arrayOf(image) }),
  history: objectWith({
    query: isString,
    conversations: arrayOf(objectWith({ id: isString, title: isString, updatedAt: isNonNegative, entryCount: isNonNegative })),
  }),
  notice: objectWith({ error: chatError }),
});

const byId = objectWith({ id: isString });
const byEntry = objectWith({ entryId: isString });

const chatToHost: ShapeCheck = unionBy('type', {
  ready: objectWith({}),
  send: objectWith({ text: isString, images: arrayOf(image), attachments: arrayOf(attachment) }),
  stop: objectWith({}),
  regenerate: byEntry,
  editAndResend: objectWith({ entryId: isString, text: isString }),
  deleteEntry: byEntry,
  newChat: objectWith({}),
  searchHistory: objectWith({ query: isString }),
  openConversation: byId,
  renameConversation: objectWith({ id: isString, title: isString }),
  deleteConversation: byId,
  exportConversation: byId,
  pickFiles: objectWith({}),
  pickImages: objectWith({}),
  codeAction: objectWith({ action: oneOf('copy', 'insert', 'replace', 'newDocument'), code: isString, languageId: isString }),
  selectModel: objectWith({ model: isString }),
  updateSettings: objectWith({ settings }),
  checkImageSupport: objectWith({}),
  log: objectWith({ level: oneOf('info', 'warn', 'error'), message: isString }),
});

/** The webview's check of what the host sent. */
export function validateHostToChat(value: unknown): Validation<HostToChatMessage> {
  return validateShape(hostToChat, value);
}

/** The host's check of what the webview sent. */
export function validateChatToHost(value: unknown): Validation<ChatToHostMessage> {
  return validateShape(chatToHost, value);
}
