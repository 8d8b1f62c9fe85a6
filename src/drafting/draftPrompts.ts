/**
 * The prompt for each drafting action: a system prompt for a writing assistant that knows the
 * document's language (and keeps Markdown as Markdown), and a user message with the instruction
 * and the text. Small local models follow short, concrete instructions best, and they tend to
 * chat ("Here is the improved text:"), so every instruction ends by asking for the text alone.
 */
import type { PromptMessage } from '../providers/provider';
import type { DraftAction } from './draftActions';

/** How much text before the insertion point a continuation sees: enough for voice and topic,
 * small enough to leave the small models' context for the answer. */
export const CONTINUATION_CONTEXT_CHARS = 3_000;

export interface DraftText {
  /** The selection (or paragraph) the action works on. */
  text: string;
  /** The document's language id (`markdown`, `plaintext`, ...). */
  languageId: string;
  /** For `continue`: the document text before the insertion point (the selection included). */
  before?: string;
}

export function buildDraftMessages(action: DraftAction, draft: DraftText): PromptMessage[] {
  return [
    { role: 'system', content: [{ type: 'text', text: writingAssistantSystemPrompt(draft.languageId) }] },
    { role: 'user', content: [{ type: 'text', text: userMessage(action, draft) }] },
  ];
}

/** Used by `rewriteSelection` too: a free-form instruction applied to the text. */
export function instructionPrompt(instruction: string, text: string): string {
  return `${instruction.trim()}\n\nApply that to the text below and reply with the resulting text only.\n\n${fenced(text)}`;
}

export function writingAssistantSystemPrompt(languageId: string): string {
  return [
    'You are Inkwell, a writing assistant inside a text editor. You write and edit text for the user\'s document.',
    'Reply with only the text that goes into the document: no introduction, no explanation, no quotation marks or code fences around it.',
    'Keep the language of the text unless you are asked to translate it.',
    formattingRule(languageId),
  ].join('\n');
}

function formattingRule(languageId: string): string {
  switch (languageId) {
    case 'markdown':
      return 'The document is Markdown: keep the text\'s Markdown formatting (headings, lists, emphasis, links, code) and write Markdown.';
    case 'plaintext':
      return 'The document is plain text: do not add Markdown or any other markup.';
    default:
      return `The document is ${languageId}: keep its syntax and formatting valid around the text you write.`;
  }
}

function userMessage(action: DraftAction, draft: DraftText): string {
  switch (action.kind) {
    case 'continue':
      return (
        'Continue the text below from exactly where it stops, in the same voice, style and language. ' +
        'Write a few sentences. Reply with the continuation only; do not repeat the text.\n\n' +
        fenced(tail(draft.before ?? draft.text, CONTINUATION_CONTEXT_CHARS))
      );
    case 'improve':
      return instructionPrompt('Improve the writing of this text: make it clearer and more fluent and fix mistakes, keeping its meaning, voice and roughly its length.', draft.text);
    case 'shorten':
      return instructionPrompt('Make this text shorter, about half its length, keeping its key points and voice.', draft.text);
    case 'expand':
      return instructionPrompt('Expand this text with more detail, examples or explanation, keeping its voice and its points.', draft.text);
    case 'summarize':
      return `Summarize the text below in a few sentences. Reply with the summary only.\n\n${fenced(draft.text)}`;
    case 'fixGrammar':
      return instructionPrompt('Fix the grammar, spelling and punctuation of this text. Change nothing else.', draft.text);
    case 'changeTone':
      return instructionPrompt(`Rewrite this text in a ${action.tone.toLowerCase()} tone, keeping its meaning.`, draft.text);
    case 'translate':
      return instructionPrompt(`Translate this text into ${action.language}, keeping its formatting.`, draft.text);
    case 'custom':
      return instructionPrompt(action.instruction, draft.text);
  }
}

/** Marks where the user's text starts and ends, so an instruction inside it is read as text. */
function fenced(text: string): string {
  return `<text>\n${text}\n</text>`;
}

/** The last `chars` characters, cut at a word boundary where there is one near. */
export function tail(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.slice(text.length - chars);
  const boundary = cut.search(/\s/);
  return boundary >= 0 && boundary < 80 ? cut.slice(boundary + 1) : cut;
}
