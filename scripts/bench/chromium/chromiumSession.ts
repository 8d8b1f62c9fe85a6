/**
 * A headless Chromium with the bench page, serving the page, ORT's files and the models on
 * loopback; fresh for each case, so each case's peak memory is its own. Launch flags as in the
 * engine's browser tests (test/engine/browser/enginePageHarness.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { startStaticServer } from '../../../test/engine/browser/staticServer';
import { CPU_BINDING, type ChromiumCpu } from './cpuBinding';

const root = join(import.meta.dirname, '..', '..', '..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface ChromiumMemory {
  /** Peak resident set of the page's renderer process: its JS heap and the wasm heap. */
  rendererPeakRssBytes: number;
  /** Peak resident set of the GPU process: WebGPU buffers (SwiftShader keeps them in CPU memory). */
  gpuProcessPeakRssBytes: number;
}

export interface BenchBrowser {
  readonly origin: string;
  page: Page;
  memory(): Promise<ChromiumMemory>;
  close(): Promise<void>;
}

export async function openBenchBrowser(pageDir: string, models: Record<string, string>, webgpu: boolean): Promise<BenchBrowser> {
  const mounts: Record<string, string> = { '/page/': pageDir, '/ort/': join(root, 'node_modules', 'onnxruntime-web', 'dist') };
  for (const [name, dir] of Object.entries(models)) mounts[`/models/${name}/`] = dir;
  const server = await startStaticServer(mounts);
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(webgpu ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan'] : [])],
  });
  const page = await browser.newPage();
  await page.goto(`${server.url}/page/index.html`);
  await page.waitForFunction(() => 'inkwellBench' in globalThis, undefined, { timeout: 60_000 });
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const processes = async () =>
    ((await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> }).processInfo;
  const started = await processes();
  const pids = started.map((p) => p.id);
  const renderers = started.filter((p) => p.type === 'renderer').map((p) => p.id);
  await page.exposeFunction(
    CPU_BINDING,
    (): ChromiumCpu => ({
      cpuMs: pids.reduce((sum, pid) => sum + cpuMs(pid), 0),
      pageThreadCpuMs: renderers.reduce((sum, pid) => sum + mainThreadCpuMs(pid), 0),
    }),
  );
  return {
    origin: server.url,
    page,
    memory: async () => {
      const info = await processes();
      const peak = (type: string) => Math.max(0, ...info.filter((p) => p.type === type).map((p) => peakRss(p.id)));
      return { rendererPeakRssBytes: peak('renderer'), gpuProcessPeakRssBytes: peak('GPU') };
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** User plus system time of a process, all threads (Linux /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** A main thread's time on a CPU (Linux /proc/<pid>/task/<pid>/schedstat, in nanoseconds). */
function mainThreadCpuMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** VmHWM, the kernel's high-water mark of a process's resident set (Linux). */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
