/**
 * `npm run package:target -- <target> [vsce options]`: a platform-specific .vsix whose native CPU
 * runtime (onnxruntime-node) carries that platform's binaries only. vsce runs the production build
 * (vscode:prepublish), which reads the target from INKWELL_TARGET. A plain `vsce package` makes
 * the universal .vsix, without the native runtime (the engine then runs in the webview).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { nativeTargetOf, nativeTargets } from './nativeRuntimeFiles';

const [target, ...vsceOptions] = process.argv.slice(2);
if (!target || !nativeTargetOf(target)) {
  console.error(`Usage: npm run package:target -- <target> [vsce options]; onnxruntime-node has binaries for ${nativeTargets().join(', ')}.`);
  process.exit(2);
}
const root = join(import.meta.dirname, '..', '..');
execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--target', target, '--no-dependencies', ...vsceOptions], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, INKWELL_TARGET: target },
});
