/**
 * Markdown to safe HTML for the transcript. Raw HTML in a reply is shown as text, not parsed:
 * a chat reply has no business laying out the page, and it is the simplest way for nothing in
 * it to run. Code blocks are highlighted and carry their language for the code actions. The
 * result always goes through the sanitizer as well.
 */
import { Marked, type Tokens } from 'marked';
import { highlightCode } from './highlightCode';
import type { Sanitize } from './sanitizeHtml';

export type RenderMarkdown = (markdown: string) => string;

export function createMarkdownRenderer(sanitize: Sanitize): RenderMarkdown {
  const marked = new Marked({
    gfm: true,
    breaks: false,
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      image: ({ text }: Tokens.Image) => `<span class="image-placeholder">[image: ${escapeHtml(text)}]</span>`,
      code: ({ text, lang }: Tokens.Code) => {
        const language = (lang ?? '').trim().split(/\s+/)[0]!.toLowerCase();
        const body = highlightCode(text, aliasOf(language)) ?? escapeHtml(text);
        return `<pre data-language="${escapeHtml(language)}"><code class="hljs">${body}</code></pre>\n`;
      },
    },
  });
  return (markdown) => sanitize(marked.parse(markdown, { async: false }));
}

const ALIASES: Record<string, string> = { js: 'javascript', jsx: 'javascript', ts: 'typescript', tsx: 'typescript', py: 'python', sh: 'bash', shell: 'bash', zsh: 'bash', html: 'xml', yml: 'yaml', md: 'markdown', 'c++': 'cpp', cs: 'csharp', rs: 'rust' };

function aliasOf(language: string): string {
  return ALIASES[language] ?? language;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
