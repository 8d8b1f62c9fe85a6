import type { CaseSpec } from '../protocol/caseTypes';
import type { PageCaseReply, PageCaseSpec } from './benchPage';
import { bundleBenchPage } from './benchPageBundle';
import { openBenchBrowser, type ChromiumMemory } from './chromiumSession';

export type ChromiumCaseReply = (PageCaseReply & { memory?: ChromiumMemory }) | { ok: false; error: string };

const bundles = new Map<string, Promise<string>>();

/** One case in a fresh headless Chromium; `spec.modelLocation` is the model's folder on disk. */
export async function runChromiumCase(spec: CaseSpec, runs: number): Promise<ChromiumCaseReply> {
  if (!bundles.has(spec.device)) bundles.set(spec.device, bundleBenchPage(spec.device));
  const browser = await openBenchBrowser(await bundles.get(spec.device)!, { [spec.model]: spec.modelLocation }, spec.device === 'webgpu');
  try {
    const pageSpec: PageCaseSpec = {
      ...spec,
      modelLocation: `${browser.origin}/models/${spec.model}/`,
      ttftPrompt: spec.ttftPrompt && {
        text: spec.ttftPrompt.text,
        image: spec.ttftPrompt.image && {
          width: spec.ttftPrompt.image.width,
          height: spec.ttftPrompt.image.height,
          rgbaBase64: Buffer.from(spec.ttftPrompt.image.data).toString('base64'),
        },
      },
    };
    const reply = await browser.page.evaluate(
      ([s, r]) => (globalThis as unknown as { inkwellBench: { run(s: PageCaseSpec, r: number): Promise<PageCaseReply> } }).inkwellBench.run(s, r),
      [pageSpec, runs] as const,
    );
    return { ...reply, memory: await browser.memory() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await browser.close();
  }
}

/** The adapter's read bandwidth in bytes/s (see gpuBandwidth.ts), or undefined without WebGPU. */
export async function chromiumGpuBandwidth(): Promise<{ bytesPerSecond?: number; adapter?: string }> {
  const browser = await openBenchBrowser(await bundleBenchPage('webgpu'), {}, true);
  try {
    return await browser.page.evaluate(async () => {
      const adapter = await navigator.gpu?.requestAdapter();
      const bench = (globalThis as unknown as { inkwellBench: { gpuReadBandwidth(): Promise<number | undefined> } }).inkwellBench;
      return {
        bytesPerSecond: await bench.gpuReadBandwidth(),
        adapter: adapter ? [adapter.info.vendor, adapter.info.architecture, adapter.info.description].filter(Boolean).join(' ') : undefined,
      };
    });
  } finally {
    await browser.close();
  }
}
