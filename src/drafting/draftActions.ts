/**
 * What the drafting quick pick offers, and where each action's text goes. Pure data: the quick
 * pick (`pickDraftAction.ts`) shows it, `draftPrompts.ts` turns a chosen action into a prompt.
 */

export type DraftAction =
  | { kind: 'continue' }
  | { kind: 'improve' }
  | { kind: 'shorten' }
  | { kind: 'expand' }
  | { kind: 'summarize' }
  | { kind: 'fixGrammar' }
  | { kind: 'changeTone'; tone: string }
  | { kind: 'translate'; language: string }
  | { kind: 'custom'; instruction: string };

export type DraftActionKind = DraftAction['kind'];

/**
 * `replace`: the result takes the selection's place. `continue`: it goes on from the end of the
 * selection, in the same line. `paragraphAfter`: it becomes a paragraph of its own after it.
 */
export type DraftPlacement = 'replace' | 'continue' | 'paragraphAfter';

/** What the action still needs from the user after it is picked. */
export type DraftArgument = 'tone' | 'language' | 'instruction';

export interface DraftActionEntry {
  kind: DraftActionKind;
  label: string;
  detail: string;
  placement: DraftPlacement;
  needs?: DraftArgument;
  /** Shown in the progress notification while it runs. */
  progressTitle: string;
}

export const DRAFT_ACTIONS: readonly DraftActionEntry[] = [
  { kind: 'continue', label: 'Continue writing', detail: 'Write what comes next after the selection', placement: 'continue', progressTitle: 'Continuing' },
  { kind: 'improve', label: 'Improve', detail: 'Clearer, more fluent, same meaning', placement: 'replace', progressTitle: 'Improving' },
  { kind: 'shorten', label: 'Shorten', detail: 'Say the same in fewer words', placement: 'replace', progressTitle: 'Shortening' },
  { kind: 'expand', label: 'Expand', detail: 'Add detail and explanation', placement: 'replace', progressTitle: 'Expanding' },
  { kind: 'summarize', label: 'Summarize', detail: 'Add a short summary after the selection', placement: 'paragraphAfter', progressTitle: 'Summarizing' },
  { kind: 'fixGrammar', label: 'Fix grammar and spelling', detail: 'Correct mistakes, change nothing else', placement: 'replace', progressTitle: 'Fixing grammar and spelling' },
  { kind: 'changeTone', label: 'Change tone…', detail: 'Professional, friendly, confident, …', placement: 'replace', needs: 'tone', progressTitle: 'Changing the tone' },
  { kind: 'translate', label: 'Translate to…', detail: 'Into another language, keeping the formatting', placement: 'replace', needs: 'language', progressTitle: 'Translating' },
  { kind: 'custom', label: 'Custom instruction…', detail: 'Tell Inkwell what to do with the selection', placement: 'replace', needs: 'instruction', progressTitle: 'Drafting' },
];

export const TONES: readonly string[] = ['Professional', 'Friendly', 'Confident', 'Casual', 'Formal', 'Persuasive', 'Empathetic', 'Playful'];

export const LANGUAGES: readonly string[] = [
  'English', 'Spanish', 'French', 'German', 'Italian', 'Portuguese', 'Dutch', 'Polish', 'Ukrainian', 'Russian',
  'Swedish', 'Turkish', 'Arabic', 'Hindi', 'Chinese (Simplified)', 'Japanese', 'Korean',
];

export function draftActionEntry(kind: DraftActionKind): DraftActionEntry {
  const entry = DRAFT_ACTIONS.find((candidate) => candidate.kind === kind);
  if (!entry) throw new Error(`unknown draft action ${kind}`);
  return entry;
}

/**
 * A draft action from a command argument (a keybinding's `args`, another extension), or undefined
 * when it names no known action or lacks what the action needs: the quick pick then asks.
 */
export function parseDraftAction(value: unknown): DraftAction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, tone, language, instruction } = value as Record<string, unknown>;
  const text = (field: unknown) => (typeof field === 'string' && field.trim() !== '' ? field.trim() : undefined);
  switch (kind) {
    case 'continue':
    case 'improve':
    case 'shorten':
    case 'expand':
    case 'summarize':
    case 'fixGrammar':
      return { kind };
    case 'changeTone':
      return text(tone) === undefined ? undefined : { kind, tone: text(tone)! };
    case 'translate':
      return text(language) === undefined ? undefined : { kind, language: text(language)! };
    case 'custom':
      return text(instruction) === undefined ? undefined : { kind, instruction: text(instruction)! };
    default:
      return undefined;
  }
}
