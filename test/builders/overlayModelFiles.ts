import type { ModelFiles } from '../../webview/engine/api';

/** A model folder with some files replaced (string) or hidden (null): for error-path tests. */
export function overlayModelFiles(base: ModelFiles, overlay: Record<string, string | null>): ModelFiles {
  const has = (path: string) => Object.hasOwn(overlay, path);
  return {
    location: base.location,
    exists: async (path) => (has(path) ? overlay[path] !== null : base.exists(path)),
    readText: async (path) => {
      if (!has(path)) return base.readText(path);
      const text = overlay[path];
      if (text === null) throw new Error(`${path} is hidden`);
      return text;
    },
    readBytes: async (path, onProgress) => {
      if (!has(path)) return base.readBytes(path, onProgress);
      const text = overlay[path];
      if (text === null) throw new Error(`${path} is hidden`);
      return new TextEncoder().encode(text);
    },
  };
}
