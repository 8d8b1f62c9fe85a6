/**
 * What the `@inkwell` chat participant asks the model for each slash command. The user's words
 * and any referenced text go in as they are; the command only adds the instruction.
 */
export type ParticipantCommand = 'draft' | 'rewrite' | 'describe' | undefined;

export function participantInstruction(command: ParticipantCommand, prompt: string, context: string): string {
  const withContext = (text: string): string => (context ? `${context}\n\n${text}` : text);
  switch (command) {
    case 'draft':
      return withContext(`Write a first draft of the following. Reply with the draft only.\n\n${prompt}`);
    case 'rewrite':
      return withContext(`Rewrite the text above${prompt ? ` as follows: ${prompt}` : ' to read more clearly'}. Reply with the rewritten text only.`);
    case 'describe':
      return withContext(prompt || 'Describe this image.');
    default:
      return withContext(prompt);
  }
}
