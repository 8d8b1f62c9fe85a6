/**
 * Inline Markdown images on one line: `![alt](path)`, `![alt](<path with spaces>)`,
 * `![alt](path "title")`, with balanced parentheses in the path as CommonMark allows. Reference
 * images (`![alt][ref]`) and HTML `<img>` are not handled. Columns are UTF-16 offsets in the line,
 * as VS Code positions are.
 */

export interface MarkdownImage {
  /** Column of the `!`. */
  start: number;
  /** Column after the closing `)`. */
  end: number;
  /** The alt text as written (escapes kept), and where it is: between `[` and `]`. */
  alt: string;
  altStart: number;
  altEnd: number;
  /** The link destination without angle brackets or title, still percent-encoded. */
  target: string;
}

const IMAGE = /!\[((?:\\.|[^\]\\\n])*)\]\([ \t]*(<[^>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))+)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\)/g;

export function findMarkdownImages(line: string): MarkdownImage[] {
  const images: MarkdownImage[] = [];
  for (const match of line.matchAll(IMAGE)) {
    const start = match.index;
    const alt = match[1];
    const rawTarget = match[2];
    images.push({
      start,
      end: start + match[0].length,
      alt,
      altStart: start + 2,
      altEnd: start + 2 + alt.length,
      target: rawTarget.startsWith('<') ? rawTarget.slice(1, -1) : rawTarget,
    });
  }
  return images;
}

/** The image the cursor is in or touches (the column right after `)` counts). */
export function markdownImageAt(line: string, character: number): MarkdownImage | undefined {
  return findMarkdownImages(line).find((image) => character >= image.start && character <= image.end);
}
