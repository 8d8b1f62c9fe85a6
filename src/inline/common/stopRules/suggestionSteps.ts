/** The stop rules every suggestion goes through, in order. */
import type { Boundary } from '../completionPlace';
import type { CompletionPrompt } from '../completionPrompt';
import { capLength } from './capLength';
import { skipTypedSpace } from './skipTypedSpace';
import { stopAtBoundary } from './stopAtBoundary';
import { stopBeforeSuffix } from './stopBeforeSuffix';
import { stopOnRepetition } from './stopOnRepetition';
import type { TextTransform } from './textTransform';
import { trimTrailingSpace } from './trimTrailingSpace';

/** How much of the text before the cursor a suggestion may not repeat: about its last two sentences. */
const REPETITION_CONTEXT_CHARS = 300;

export function suggestionSteps(prompt: CompletionPrompt, boundary: Boundary, maxLength: number): TextTransform[] {
  return [
    skipTypedSpace(prompt.typedSpace),
    stopBeforeSuffix(prompt.suffix),
    stopOnRepetition(prompt.text.slice(-REPETITION_CONTEXT_CHARS)),
    stopAtBoundary(boundary),
    capLength(maxLength),
    trimTrailingSpace(),
  ];
}
