/**
 * The prompt leaves out the spaces the user typed last (completionPrompt.ts), so the model's own
 * leading spaces are already in the document: drop them. A suggestion that starts with neither a
 * space nor a line break would glue onto the word before the user's space: drop it whole.
 */
import type { TextTransform } from './textTransform';

export function skipTypedSpace(typedSpace: string): TextTransform {
  if (!typedSpace) return (input) => input;
  return async function* (input) {
    let head = '';
    let started = false;
    for await (const chunk of input) {
      if (started) {
        yield chunk;
        continue;
      }
      head += chunk;
      const rest = head.replace(/^[ \t]+/, '');
      if (!rest) continue;
      if (rest === head && rest[0] !== '\n') return;
      started = true;
      yield rest;
    }
  };
}
