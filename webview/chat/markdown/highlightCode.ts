/**
 * Syntax highlighting for code blocks in replies: highlight.js core with the languages people
 * write about most, so the bundle stays small. Its output is escaped text in `hljs-*` spans,
 * which the sanitizer keeps and the stylesheet colours with the theme's symbol colours.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** Highlighted HTML for `code`, or undefined for a language we do not know (shown plain). */
export function highlightCode(code: string, language: string): string | undefined {
  const known = language && hljs.getLanguage(language) ? language : undefined;
  return known ? hljs.highlight(code, { language: known, ignoreIllegals: true }).value : undefined;
}
