/**
 * What the model reads and what it must not repeat: the text before the cursor (a raw prompt,
 * no chat template) and a view of the text after it for the stop rules.
 */
import { promptWindowStart } from './promptWindow';

export interface SuffixView {
  /**
   * The first words after the cursor: the rest of its line, or else the next non-blank line. A
   * suggestion ends before it, so that it never writes what already follows.
   */
  probe: string | undefined;
  /** The probe is the rest of the cursor's line: a suggestion that ends with its start drops that part. */
  onSameLine: boolean;
}

export interface CompletionPrompt {
  text: string;
  /**
   * Spaces the user typed last, left out of the prompt: tokenizers fold a space into the word
   * after it, so a prompt ending in a bare space reads like nothing a model was trained on.
   */
  typedSpace: string;
  suffix: SuffixView;
}

/**
 * About 1,800 characters: a few paragraphs, enough to carry the topic and the voice into the next
 * sentence. The engine reads them cold only when the window moves on to another paragraph; each
 * keystroke in between prefills just its own tokens (`npm run bench:inline`).
 */
export const PROMPT_BUDGET_TOKENS = 512;
const PROBE_WORDS = 3;
/** A probe from the next line shorter than this (`-`, `1.`) would end suggestions by accident. */
const MIN_NEXT_LINE_PROBE = 4;

export function buildCompletionPrompt(before: string, after: string, budgetTokens = PROMPT_BUDGET_TOKENS): CompletionPrompt {
  const window = before.slice(promptWindowStart(before, budgetTokens));
  const typedSpace = /(?<=\S)[ \t]+$/.exec(window)?.[0] ?? '';
  return { text: window.slice(0, window.length - typedSpace.length), typedSpace, suffix: suffixView(after) };
}

function suffixView(after: string): SuffixView {
  const restOfLine = after.split('\n', 1)[0]!;
  if (restOfLine.trim()) return { probe: firstWords(restOfLine), onSameLine: true };
  const nextLine = after.slice(restOfLine.length).split('\n').find((line) => line.trim());
  const probe = nextLine === undefined ? undefined : firstWords(nextLine);
  return { probe: probe && probe.length >= MIN_NEXT_LINE_PROBE ? probe : undefined, onSameLine: false };
}

function firstWords(line: string): string {
  const words = line.trim().match(new RegExp(`^\\S+(\\s+\\S+){0,${PROBE_WORDS - 1}}`));
  return words![0];
}
