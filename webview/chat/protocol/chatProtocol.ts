/**
 * The messages between the extension host and the chat view's webview, and the conversation
 * shapes they carry. A separate union from the engine protocol: the chat view never talks to the
 * engine, only to the host, which generates through `services.provider`. Both sides check every
 * message they receive with `validateChatMessage.ts`.
 */

/** Text the user attached from the editor: the selection or a whole file, read when attached. */
export interface ContextAttachment {
  id: string;
  kind: 'selection' | 'file';
  /** Shown on the chip: `notes.md:3-10`, `notes.md`. */
  label: string;
  /** Workspace-relative path (or the URI for files outside the workspace). */
  path: string;
  languageId: string;
  text: string;
  /** Lines 1-based, for selections. */
  startLine?: number;
  endLine?: number;
  /** The text was cut to fit the prompt. */
  truncated?: boolean;
}

/** An image as it reaches the model: already downscaled by the webview. */
export interface ChatImage {
  id: string;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface ReplyStats {
  tokensPerSecond: number;
  timeToFirstTokenMs: number;
  generatedTokens: number;
}

export type ReplyStatus = 'streaming' | 'done' | 'stopped' | 'failed';

export interface UserEntry {
  id: string;
  role: 'user';
  text: string;
  images: ChatImage[];
  attachments: ContextAttachment[];
}

export interface AssistantEntry {
  id: string;
  role: 'assistant';
  text: string;
  status: ReplyStatus;
  /** The model's name as the provider described it, or the setting when it never loaded. */
  model: string;
  stats?: ReplyStats;
  /** Why a failed reply failed, for the user. */
  error?: ChatError;
}

export type ChatEntry = UserEntry | AssistantEntry;

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  entries: ChatEntry[];
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  entryCount: number;
}

/** Errors are values: a code for the UI to act on, a message for the user. */
export interface ChatError {
  code: string;
  message: string;
  /** A one-click fix the view can offer, e.g. switching to a model that reads images. */
  fix?: ChatFix;
}

export type ChatFix = { kind: 'useModel'; model: string; label: string };

export interface ModelChoice {
  /** What `inkwell.model` holds. */
  id: string;
  label: string;
  detail: string;
  /** Undefined until the model has been loaded once or is known from its id. */
  canReadImages?: boolean;
}

export interface ChatGenerationSettings {
  temperature: number;
  maxNewTokens: number;
}

export type CodeBlockAction = 'copy' | 'insert' | 'replace' | 'newDocument';

export type HostToChatMessage =
  /** The whole conversation; sent when one is opened and when the view (re)loads. */
  | { type: 'conversation'; conversation: Conversation; generating: boolean }
  /** Entries from index `from` on are replaced by `entries` (append, edit, delete, regenerate). */
  | { type: 'entries'; conversationId: string; from: number; entries: ChatEntry[] }
  | { type: 'delta'; entryId: string; text: string }
  | { type: 'replyEnded'; entry: AssistantEntry }
  | { type: 'models'; choices: ModelChoice[]; current: string }
  | { type: 'settings'; settings: ChatGenerationSettings }
  /** The editor's current selection as a chip; `undefined` when there is none. */
  | { type: 'selection'; attachment?: ContextAttachment }
  | { type: 'attached'; attachments: ContextAttachment[] }
  | { type: 'imagesPicked'; images: ChatImage[] }
  | { type: 'history'; query: string; conversations: ConversationSummary[] }
  | { type: 'notice'; error: ChatError };

export type ChatToHostMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string; images: ChatImage[]; attachments: ContextAttachment[] }
  | { type: 'stop' }
  | { type: 'regenerate'; entryId: string }
  /** Replaces a user entry's text, drops everything after it, and generates again. */
  | { type: 'editAndResend'; entryId: string; text: string }
  | { type: 'deleteEntry'; entryId: string }
  | { type: 'newChat' }
  | { type: 'searchHistory'; query: string }
  | { type: 'openConversation'; id: string }
  | { type: 'renameConversation'; id: string; title: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'exportConversation'; id: string }
  | { type: 'pickFiles' }
  | { type: 'pickImages' }
  | { type: 'codeAction'; action: CodeBlockAction; code: string; languageId: string }
  | { type: 'selectModel'; model: string }
  | { type: 'updateSettings'; settings: ChatGenerationSettings }
  /** The image notice: are images readable by the model now chosen? The host answers with `models`. */
  | { type: 'checkImageSupport' }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };
