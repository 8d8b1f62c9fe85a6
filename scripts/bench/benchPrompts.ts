/**
 * Prompt texts of an exact token count for a model's tokenizer, and the image prompt: seeded
 * English-like word salad (random-weight models do not care what it says, the tokenizer does).
 */
import type { RawImage } from '../../webview/engine/api';
import { nodeModelFiles } from '../../webview/engine/adapters/node/nodeModelFiles';
import { loadTokenizer, type TextTokenizer } from '../../webview/engine/text/tokenizer';
import type { ContextPrompt } from './protocol/caseTypes';

const WORDS = (
  'the sea light morning harbour boat wind salt wave note write short long river stone over under ' +
  'quiet bright evening shore sand cloud rain garden window paper letter story old new small large ' +
  'and with from into across between because while when where every some many few first last'
).split(' ');

/**
 * Each prompt's first word, with a first letter of its own (the warm-up prompt starts with "W"):
 * prompts then share no prefix, so Inkwell's KV-cache reuse never shortens a measured prefill.
 */
const CONTEXT_OPENERS = ['Harbour', 'River', 'Garden', 'Letter', 'Evening', 'Cloud'];
const TTFT_OPENER = 'Paper';
const FOLLOW_UP_TOKENS = 64;

/** The time-to-first-token prompt's text: 64 tokens (plus the image, for VLMs). */
export const TTFT_PROMPT_TOKENS = 64;

export async function contextPrompts(modelDir: string, contexts: number[]): Promise<ContextPrompt[]> {
  const tokenizer = await loadTokenizer(nodeModelFiles(modelDir));
  return contexts.map((context, i) => ({ context, text: textOfTokens(tokenizer, context, 1000 + i, CONTEXT_OPENERS[i % CONTEXT_OPENERS.length]) }));
}

/** `TTFT_PROMPT_TOKENS` tokens of text, after an `<image>` marker when `withImage`. */
export async function ttftPromptText(modelDir: string, withImage: boolean): Promise<string> {
  const tokenizer = await loadTokenizer(nodeModelFiles(modelDir));
  return `${withImage ? '<image>' : ''}${textOfTokens(tokenizer, TTFT_PROMPT_TOKENS, 7, TTFT_OPENER)}`;
}

/**
 * A second user turn, a blank line and 64 tokens appended to a prompt and its reply; and the same
 * turn with its last words rewritten, as when a message is edited and sent again.
 */
export async function followUpTexts(modelDir: string): Promise<{ followUp: string; edited: string }> {
  const tokenizer = await loadTokenizer(nodeModelFiles(modelDir));
  const followUp = `\n\n${textOfTokens(tokenizer, FOLLOW_UP_TOKENS, 99, 'Stone')}`;
  return { followUp, edited: `${followUp.slice(0, -40)} and then the quiet evening river` };
}

/** A smooth gradient with seeded noise, so resizing and tiling see real detail. */
export function benchImage(side = 512): RawImage {
  const data = new Uint8Array(side * side * 4);
  let s = 12345;
  for (let i = 0; i < side * side; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    data.set([(i % side) >> 1, Math.floor(i / side) >> 1, s >>> 24, 255], i * 4);
  }
  return { width: side, height: side, channels: 4, data };
}

/** Words until the text is long enough, then the text of the first `count` ids (checked to round-trip). */
function textOfTokens(tokenizer: TextTokenizer, count: number, seed: number, opener: string): string {
  let s = seed;
  let text = opener;
  while (tokenizer.encode(text, true).length < count + 8) {
    for (let i = 0; i < 64; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      text += ` ${WORDS[s % WORDS.length]}`;
    }
  }
  const ids = tokenizer.encode(text, true);
  for (let cut = count; cut < count + 8; cut++) {
    const candidate = tokenizer.decode(ids.slice(0, cut), false);
    if (tokenizer.encode(candidate, true).length === count) return candidate;
  }
  throw new Error(`no text of exactly ${count} tokens found`);
}
