/** The engine webview's page: the CSP, a little theme-aware text, and the module script. */
import { buildEngineCsp, type EngineCspInput } from './engineCsp';

export interface EngineHtmlInput extends EngineCspInput {
  /** Webview URI of the bundled engine script (`dist/webview/engineHost.js`). */
  scriptUri: string;
  /** Webview URI of `dist/ort/`, ending with `/`: onnxruntime-web loads its .mjs and .wasm from there. */
  ortBaseUri: string;
}

export function buildEngineHtml(input: EngineHtmlInput): string {
  const { nonce } = input;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(buildEngineCsp(input))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Inkwell Engine</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em; }
  #error { color: var(--vscode-errorForeground); }
  #notices { color: var(--vscode-editorWarning-foreground); }
</style>
</head>
<body data-ort-base="${escapeAttribute(input.ortBaseUri)}">
<h1>Inkwell engine</h1>
<p>This tab runs Inkwell's language model on this machine. It can stay in the background;
closing it stops the engine until the next request starts it again.</p>
<script type="module" nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
