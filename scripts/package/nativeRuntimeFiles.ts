/**
 * Which files of onnxruntime-node (and of onnxruntime-common, which it requires) the extension
 * needs at run time for one platform: the packages' CommonJS code and manifests, and the one
 * `bin/napi-v6/<platform>/<arch>/` folder. Everything else (the other platforms' binaries, about
 * 240 MB, type declarations, source maps, the install script) stays out of dist/ and the .vsix.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface NativeTarget {
  platform: NodeJS.Platform;
  arch: string;
}

/** VS Code targets (`vsce package --target`) onnxruntime-node 1.30 ships a binary for. */
const NATIVE_TARGETS: Record<string, NativeTarget> = {
  'linux-x64': { platform: 'linux', arch: 'x64' },
  'linux-arm64': { platform: 'linux', arch: 'arm64' },
  'darwin-arm64': { platform: 'darwin', arch: 'arm64' },
  'win32-x64': { platform: 'win32', arch: 'x64' },
  'win32-arm64': { platform: 'win32', arch: 'arm64' },
};

export function nativeTargetOf(vscodeTarget: string): NativeTarget | undefined {
  return NATIVE_TARGETS[vscodeTarget];
}

export function nativeTargets(): string[] {
  return Object.keys(NATIVE_TARGETS);
}

/** Paths relative to `nodeModules`, files only. */
export function nativeRuntimeFiles(nodeModules: string, target: NativeTarget): string[] {
  const filesUnder = (folder: string, keep: (name: string) => boolean) =>
    readdirSync(join(nodeModules, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && keep(entry.name))
      .map((entry) => relative(nodeModules, join(entry.parentPath, entry.name)));
  const code = (name: string) => name.endsWith('.js') || name === 'package.json';
  return [
    'onnxruntime-node/package.json',
    ...filesUnder('onnxruntime-node/dist', code),
    ...filesUnder(`onnxruntime-node/bin/napi-v6/${target.platform}/${target.arch}`, () => true),
    'onnxruntime-common/package.json',
    ...filesUnder('onnxruntime-common/dist/cjs', code),
  ];
}
