/**
 * The paragraph around a line: the run of non-blank lines that contains it. Drafting commands
 * work on it when nothing is selected, as writing tools do.
 */
export interface LineSpan {
  startLine: number;
  /** Inclusive. */
  endLine: number;
}

export function paragraphAt(lineAt: (line: number) => string, lineCount: number, line: number): LineSpan | undefined {
  const blank = (index: number) => lineAt(index).trim() === '';
  if (line < 0 || line >= lineCount || blank(line)) return undefined;
  let startLine = line;
  while (startLine > 0 && !blank(startLine - 1)) startLine--;
  let endLine = line;
  while (endLine < lineCount - 1 && !blank(endLine + 1)) endLine++;
  return { startLine, endLine };
}
