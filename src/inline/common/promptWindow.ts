/**
 * Where the prompt starts: within a token budget before the cursor, at a paragraph start. The cut
 * is at a paragraph (not a fixed distance) so that it stays put while the user types: every
 * keystroke's prompt then extends the previous one and the engine re-runs only the new tokens.
 */

/**
 * The host has no tokenizer, so the budget is counted in characters. English prose averages about
 * 4 characters per token with SmolLM2's and Qwen2.5's tokenizers; 3.5 keeps most prompts under it.
 */
const CHARS_PER_TOKEN = 3.5;

export function promptWindowStart(before: string, budgetTokens: number): number {
  const earliest = before.length - Math.floor(budgetTokens * CHARS_PER_TOKEN);
  if (earliest <= 0) return 0;
  // Paragraph, else line, else word: the coarsest boundary that leaves some text in the window.
  for (const boundary of [/\n[ \t]*\n/g, /\n/g, /\s/g]) {
    boundary.lastIndex = earliest;
    const match = boundary.exec(before);
    if (match && match.index + match[0].length < before.length) return match.index + match[0].length;
  }
  return earliest;
}
