import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ortPatches } from '../../../scripts/ortPatches';
import type { PageRequest, PageResult } from './page/enginePage';
import type { ImagePreprocessingRequest, ImagePreprocessingResult } from './page/imagePreprocessingPage';
import type { WebGpuRewriteRequest, WebGpuRewriteResult } from './page/webGpuRewritePage';
import type { ShortlistPageRequest, ShortlistPageResult } from './page/shortlistPage';
import { startStaticServer } from './staticServer';

const root = join(import.meta.dirname, '..', '..', '..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface EnginePage {
  run(request: Omit<PageRequest, 'modelUrl'> & { model: string }): Promise<PageResult>;
  /** Runs the WebGPU shortlist kernel alone on crafted logits. */
  shortlist(request: ShortlistPageRequest): Promise<ShortlistPageResult>;
  /** Runs the WebGPU image preprocessing and the CPU one on the same seeded images, and compares them. */
  imagePreprocessing(request: ImagePreprocessingRequest): Promise<ImagePreprocessingResult>;
  /** Runs a model's WebGPU rewrite (with GroupQueryAttention and its in-place cache, or without) next to the file, on WebGPU. */
  webGpuRewrite(request: Omit<WebGpuRewriteRequest, 'modelUrl'> & { model: string }): Promise<WebGpuRewriteResult>;
  gpuAdapter(): Promise<string | null>;
  close(): Promise<void>;
}

/** Bundles the engine test page, serves it with the models and ORT's files, and opens it in Chromium (with `webgpu`, failing where it exposes no WebGPU adapter). */
export async function openEnginePage(modelsDir: string, options: { webgpu: boolean }): Promise<EnginePage> {
  const out = join(root, '.cache', 'engine-page');
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'page', 'enginePage.ts')],
    bundle: true,
    format: 'esm',
    splitting: true,
    outdir: out,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'warning',
    conditions: ['onnxruntime-web-use-extern-wasm'],
    plugins: [ortPatches],
  });
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./enginePage.js"></script>');
  const server = await startStaticServer({
    '/page/': out,
    '/ort/': join(root, 'node_modules', 'onnxruntime-web', 'dist'),
    '/models/': modelsDir,
  });
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(options.webgpu ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan'] : [])],
  });
  const page: Page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/page/index.html`);
  await page.waitForFunction(() => 'inkwellEngine' in globalThis, undefined, { timeout: 30_000 });
  const gpuAdapter = () =>
    page.evaluate(async () => {
      const adapter = await navigator.gpu?.requestAdapter();
      return adapter ? `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim() || 'unnamed adapter' : null;
    });
  if (options.webgpu && !(await gpuAdapter())) {
    await browser.close();
    await server.close();
    throw new Error('Chromium exposes no WebGPU adapter');
  }
  return {
    run: async ({ model, ...rest }) =>
      page.evaluate((request) => (globalThis as unknown as { inkwellEngine: { run(r: PageRequest): Promise<PageResult> } }).inkwellEngine.run(request), {
        ...rest,
        modelUrl: `${server.url}/models/${model}/`,
      }),
    shortlist: (request) =>
      page.evaluate(
        (r) => (globalThis as unknown as { inkwellEngine: { runShortlist(r: ShortlistPageRequest): Promise<ShortlistPageResult> } }).inkwellEngine.runShortlist(r),
        request,
      ),
    imagePreprocessing: (request) =>
      page.evaluate(
        (r) =>
          (globalThis as unknown as { inkwellEngine: { runImagePreprocessing(r: ImagePreprocessingRequest): Promise<ImagePreprocessingResult> } }).inkwellEngine.runImagePreprocessing(r),
        request,
      ),
    webGpuRewrite: ({ model, ...rest }) =>
      page.evaluate(
        (r) => (globalThis as unknown as { inkwellEngine: { runWebGpuRewrite(r: WebGpuRewriteRequest): Promise<WebGpuRewriteResult> } }).inkwellEngine.runWebGpuRewrite(r),
        { ...rest, modelUrl: `${server.url}/models/${model}/` },
      ),
    gpuAdapter,
    close: async () => {
      await browser.close();
      await server.close();
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('\n')}`);
    },
  };
}
