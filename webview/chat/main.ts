/** The chat view's entry point: a sanitizing Markdown renderer, the host channel, and the app. */
import { ChatApp } from './chatApp';
import { connectToHost } from './hostChannel';
import { createMarkdownRenderer } from './markdown/renderMarkdown';
import { createSanitizer } from './markdown/sanitizeHtml';

// Messages arrive as events, so never before this script has finished and `app` exists.
const host = connectToHost((message) => app.receive(message));
const app = new ChatApp(host, createMarkdownRenderer(createSanitizer(window)));
document.body.append(app.element);
app.start();
