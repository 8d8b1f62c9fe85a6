/**
 * An SVG bar chart of decode speed: one block per backend, model and precision, one pair of bars
 * (Inkwell, transformers.js) per context. Each block has its own scale, since backends differ by
 * orders of magnitude; the ratio is written next to each pair. Tokens per CPU-second where the run
 * has them: on a shared machine wall-clock speed mostly shows who else was busy.
 */
import type { BenchRun } from '../benchResults';

const ROW = 18;
const LABEL = 250;
const BAR = 360;
const COLOURS: Record<string, string> = { inkwell: '#3465a4', 'transformers.js': '#f5a623' };

export function decodeChartSvg(run: BenchRun): string {
  const groups = new Map<string, Map<number, Record<string, number>>>();
  for (const c of run.cases) {
    if (c.engine === 'inkwell-ort-node') continue;
    const key = `${c.backend} · ${c.model} · ${c.dtype}`;
    const byContext = groups.get(key) ?? new Map<number, Record<string, number>>();
    for (const x of c.figures?.contexts ?? []) {
      byContext.set(x.context, { ...byContext.get(x.context), [c.engine]: x.decodeTokensPerCpuSecond ?? x.decodeTokensPerSecond });
    }
    groups.set(key, byContext);
  }
  const perCpu = run.cases.every((c) => c.figures?.contexts.every((x) => x.decodeTokensPerCpuSecond !== undefined) ?? true);
  const unit = perCpu ? 'tok/CPU-s' : 'tok/s';
  const parts: string[] = [];
  let y = 40;
  for (const [title, byContext] of groups) {
    parts.push(text(8, y, title, 'bold'));
    y += 8;
    const max = Math.max(...[...byContext.values()].flatMap((v) => Object.values(v)), 1e-9);
    for (const [context, values] of [...byContext].sort((a, b) => a[0] - b[0])) {
      parts.push(text(LABEL - 8, y + ROW, `decode @${context}`, 'normal', 'end'));
      for (const engine of ['inkwell', 'transformers.js']) {
        const value = values[engine];
        if (value !== undefined) {
          const width = Math.max(1, (BAR * value) / max);
          parts.push(`<rect x="${LABEL}" y="${y + 3}" width="${width.toFixed(1)}" height="${ROW - 5}" fill="${COLOURS[engine]}"/>`);
          parts.push(text(LABEL + width + 4, y + ROW - 4, `${value.toPrecision(3)} ${unit}`));
        }
        y += ROW;
      }
      const ratio = values.inkwell !== undefined && values['transformers.js'] ? values.inkwell / values['transformers.js'] : undefined;
      if (ratio !== undefined) parts.push(text(LABEL + BAR + 110, y - ROW / 2, `${ratio.toFixed(2)}x`, 'bold'));
      y += 6;
    }
    y += 14;
  }
  const legend =
    Object.entries(COLOURS)
      .map(([engine, colour], i) => `<rect x="${8 + i * 140}" y="8" width="12" height="12" fill="${colour}"/>${text(24 + i * 140, 18, engine)}`)
      .join('') + text(300, 18, perCpu ? 'decode tokens per CPU-second' : 'decode tokens per second');
  const width = LABEL + BAR + 170;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="white"/>${legend}${parts.join('')}</svg>\n`
  );
}

function text(x: number, y: number, content: string, weight = 'normal', anchor = 'start'): string {
  const escaped = content.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-weight="${weight}" text-anchor="${anchor}">${escaped}</text>`;
}
