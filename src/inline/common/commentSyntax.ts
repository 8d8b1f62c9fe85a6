/** Comment and string delimiters of the languages inline completions can work in as code. */
import type { CommentSyntax } from './codeRegion';

const cLike: CommentSyntax = {
  line: ['//'],
  block: [['/*', '*/']],
  quotes: [
    { quote: '"', multiline: false },
    { quote: "'", multiline: false },
    { quote: '`', multiline: true },
  ],
};
/** Rust's `'` starts lifetimes and chars as often as anything a sentence could be in. */
const rust: CommentSyntax = { ...cLike, quotes: [{ quote: '"', multiline: true }] };
const hash: CommentSyntax = {
  line: ['#'],
  block: [],
  quotes: [
    { quote: '"""', multiline: true },
    { quote: "'''", multiline: true },
    { quote: '"', multiline: false },
    { quote: "'", multiline: false },
  ],
};
const dashDash: CommentSyntax = { line: ['--'], block: [['/*', '*/']], quotes: [{ quote: "'", multiline: false }] };
const markup: CommentSyntax = { line: [], block: [['<!--', '-->']], quotes: [] };

const byLanguage: Record<string, CommentSyntax> = {
  rust,
  sql: dashDash,
  lua: { ...dashDash, block: [['--[[', ']]']], quotes: [...dashDash.quotes, { quote: '"', multiline: false }] },
  haskell: { ...dashDash, block: [['{-', '-}']], quotes: [{ quote: '"', multiline: false }] },
  html: markup,
  xml: markup,
};
for (const id of ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'java', 'c', 'cpp', 'csharp', 'go', 'swift', 'kotlin', 'scala', 'dart', 'php', 'groovy', 'jsonc', 'css', 'scss', 'less']) {
  byLanguage[id] = cLike;
}
for (const id of ['python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir', 'julia', 'coffeescript']) {
  byLanguage[id] = hash;
}

export function commentSyntaxOf(languageId: string): CommentSyntax | undefined {
  return byLanguage[languageId];
}
