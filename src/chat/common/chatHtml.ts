/**
 * The chat view's page and its Content-Security-Policy, built like the engine page's
 * (src/engineHost/common/engineHtml.ts): nothing by default, scripts only with this load's nonce,
 * styles and the codicon font only from the extension, images only from `blob:` (the user's own
 * attachments, made into object URLs in the page). No connect-src at all: the page talks to the
 * host by postMessage only, so nothing a reply contains can reach the network.
 */
export interface ChatHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function buildChatCsp({ cspSource, nonce }: Pick<ChatHtmlInput, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    // The codicon font is inlined into chat.css as a data: URL by the build.
    `font-src ${cspSource} data:`,
    'img-src blob:',
  ].join('; ');
}

export function buildChatHtml(input: ChatHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(buildChatCsp(input))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Inkwell Chat</title>
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
</head>
<body>
<script type="module" nonce="${input.nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
