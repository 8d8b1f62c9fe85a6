/**
 * The last gate between model output and the page: DOMPurify with the HTML profile only (no SVG,
 * no MathML), no forms or embedded content, no inline styles, links only to http(s) and mailto,
 * and no images at all (a reply's image would be a request to wherever the model pointed it).
 * The CSP would block scripts and remote loads anyway; this keeps them out of the DOM.
 */
import DOMPurify, { type WindowLike } from 'dompurify';

export type Sanitize = (html: string) => string;

const SAFE_LINK = /^(https?:|mailto:)/i;

export function createSanitizer(window: WindowLike): Sanitize {
  const purify = DOMPurify(window);
  // An unsupported DOM makes DOMPurify hand its input back untouched: refuse to run instead.
  if (!purify.isSupported) throw new Error('The HTML sanitizer cannot run in this environment.');
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_LINK.test(href.trim())) node.removeAttribute('href');
    else node.setAttribute('title', href);
    node.removeAttribute('target');
  });
  return (html) =>
    purify.sanitize(html, {
      USE_PROFILES: { html: true },
      FORBID_TAGS: ['style', 'img', 'picture', 'source', 'video', 'audio', 'track', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'option', 'link', 'meta', 'base', 'svg', 'math', 'template', 'dialog'],
      FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'ping'],
      ALLOW_DATA_ATTR: false,
      // The code block's language, which the renderer sets (raw HTML never reaches here as HTML).
      ADD_ATTR: ['data-language'],
    });
}
