/**
 * Finds where a piece of text is now, when the document may have changed since it was read:
 * at the same offset if it is still there, else at its one and only occurrence. Two or more
 * occurrences and no clue which one was meant is "not found": editing the wrong one would be
 * worse than saying so.
 */
export function locateText(documentText: string, text: string, expectedOffset: number): number | undefined {
  if (documentText.startsWith(text, expectedOffset)) return expectedOffset;
  const first = documentText.indexOf(text);
  if (first < 0 || text === '') return undefined;
  return documentText.indexOf(text, first + 1) < 0 ? first : undefined;
}
