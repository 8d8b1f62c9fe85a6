/** The run's figures as header + rows, rendered as padded text (console) or markdown. */
import { boundTokensPerSecond, type BenchRun, type CaseResult } from '../benchResults';
import type { SummaryRow } from '../benchSummary';

export interface Table {
  header: string[];
  rows: string[][];
}

function contextsOf(run: BenchRun): number[] {
  return [...new Set(run.cases.flatMap((c) => c.figures?.contexts.map((x) => x.context) ?? []))].sort((a, b) => a - b);
}

export function caseTable(run: BenchRun): Table {
  const contexts = contextsOf(run);
  const pageThreadContexts = pageThreadColumns(run, contexts);
  const header = [
    'backend',
    'model',
    'dtype',
    'engine',
    'load s',
    ...contexts.map((n) => `prefill tok/s @${n}`),
    ...contexts.map((n) => `decode tok/s (per CPU-s) @${n}`),
    ...contexts.map((n) => `of bound @${n}`),
    ...contexts.map((n) => `outside run() ms/tok @${n}`),
    ...pageThreadContexts.map((n) => `page thread CPU ms/tok @${n}`),
    'TTFT s',
    'image enc s',
    'follow-up TTFT s',
    'edited TTFT s',
    'peak memory MB',
  ];
  const rows = run.cases.map((c) => {
    const at = (n: number) => c.figures?.contexts.find((x) => x.context === n);
    return [
      c.backend,
      c.model,
      c.dtype,
      engineLabel(c),
      c.error ? `failed: ${c.error.split('\n')[0].slice(0, 80)}` : seconds(c.figures?.loadMs),
      ...contexts.map((n) => fixed(at(n)?.prefillTokensPerSecond)),
      ...contexts.map((n) => withCpu(at(n)?.decodeTokensPerSecond, at(n)?.decodeTokensPerCpuSecond)),
      ...contexts.map((n) => percent(at(n) && ratioOf(at(n)!.decodeTokensPerSecond, boundTokensPerSecond(run, c, n)))),
      ...contexts.map((n) => fixed(at(n)?.decodeOutsideOrtMsPerToken)),
      ...pageThreadContexts.map((n) => fixed(at(n)?.decodePageThreadCpuMsPerToken)),
      seconds(c.figures?.ttftMs),
      seconds(c.figures?.imageEncodeMs),
      c.figures?.followUpTtftMs === undefined ? '-' : `${seconds(c.figures.followUpTtftMs)} (${c.figures.followUpPromptTokens} tok)`,
      seconds(c.figures?.editTtftMs),
      Object.entries(c.memory)
        .map(([label, bytes]) => `${label} ${Math.round(bytes / 2 ** 20)}`)
        .join(', '),
    ];
  });
  return { header, rows };
}

export function summaryTable(rows: SummaryRow[]): Table {
  return {
    header: [
      'model',
      'backend',
      'dtype',
      'decode ctx',
      'Inkwell tok/s',
      'transformers.js tok/s',
      'ratio',
      'CPU-time ratio',
      'target',
      'GPU kernels/tok (Inkwell, transformers.js)',
      'GPU submits/tok (Inkwell, transformers.js)',
      'page-thread CPU ratio',
      'TTFT ratio',
      'follow-up TTFT ratio',
      'edited TTFT ratio',
      '4k/128',
    ],
    rows: rows.map((r) => [
      r.model,
      r.backend,
      r.dtype,
      String(r.context ?? '-'),
      fixed(r.inkwellTokensPerSecond),
      fixed(r.transformersJsTokensPerSecond),
      times(r.ratio),
      times(r.cpuTimeRatio),
      `≥ ${r.decodeTarget}x`,
      r.inkwellGpuDispatchesPerToken === null ? '-' : `${fixed(r.inkwellGpuDispatchesPerToken)}, ${fixed(r.transformersJsGpuDispatchesPerToken)}`,
      r.inkwellGpuSubmitsPerToken === null ? '-' : `${fixed(r.inkwellGpuSubmitsPerToken)}, ${fixed(r.transformersJsGpuSubmitsPerToken)}`,
      times(r.pageThreadCpuRatio),
      times(r.ttftRatio),
      times(r.followUpTtftRatio),
      times(r.editTtftRatio),
      percent(r.inkwellLongContextRetention),
    ]),
  };
}

/** The contexts to give page-thread CPU columns: all of them where a case measured it (Chromium's WebGPU), else none. */
function pageThreadColumns(run: BenchRun, contexts: number[]): number[] {
  const measured = run.cases.some((c) => c.figures?.contexts.some((x) => x.decodePageThreadCpuMsPerToken !== undefined));
  return measured ? contexts : [];
}

function engineLabel(c: CaseResult): string {
  return c.engine === 'inkwell-ort-node' ? `inkwell on onnxruntime-node, ${c.ortNodeThreads} thread(s)` : c.engine;
}

export function renderText(table: Table): string {
  const widths = table.header.map((h, i) => Math.max(h.length, ...table.rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(table.header), line(widths.map((w) => '-'.repeat(w))), ...table.rows.map(line)].join('\n');
}

export function renderMarkdown(table: Table): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(table.header), line(table.header.map(() => '---')), ...table.rows.map(line)].join('\n');
}

function ratioOf(a: number, b: number | undefined): number | undefined {
  return b ? a / b : undefined;
}

function fixed(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function withCpu(wall: number | undefined, cpu: number | undefined): string {
  return cpu === undefined ? fixed(wall) : `${fixed(wall)} (${fixed(cpu)})`;
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : (ms / 1000).toFixed(1);
}

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
}

function times(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(2)}x`;
}
