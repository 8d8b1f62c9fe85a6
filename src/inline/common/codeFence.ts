/** Whether the end of a Markdown text lies inside a fenced code block (``` or ~~~, CommonMark rules). */
export function insideCodeFence(before: string): boolean {
  let open: string | undefined;
  // The cursor's own line is not a fence yet: only lines before it open or close one.
  const lines = before.split('\n').slice(0, -1);
  for (const line of lines) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open !== undefined;
}
