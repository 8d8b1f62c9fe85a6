/**
 * How responsive the chat page is: long tasks (over 50 ms on its main thread) and the time from
 * each key typed into the message box until the next frame shows it, while `what` happens.
 */
import type { ChatPanel } from './chatPanel';

export interface LongTask {
  ms: number;
  from: string;
}

export interface Responsiveness {
  what: string;
  durationMs: number;
  /** The long tasks seen: duration, and whose (`self` is the chat page itself). */
  longTasks: LongTask[];
  /** Keys typed, and keys whose input event was seen. */
  typed: number;
  keys: number;
  medianKeyToFrameMs: number;
  maxKeyToFrameMs: number;
}

export async function measureResponsiveness(chat: ChatPanel, what: string, text = 'typing while it streams'): Promise<Responsiveness> {
  await chat.frame.evaluate(() => {
    const probe = { longTasks: [] as { ms: number; from: string }[], keyToFrame: [] as number[], startedAt: performance.now() };
    (window as unknown as { inkwellProbe: typeof probe }).inkwellProbe = probe;
    // `name` says whose task it was: `self` is the chat page; the engine webview shares its thread in code-server.
    new PerformanceObserver((list) => probe.longTasks.push(...list.getEntries().map((entry) => ({ ms: Math.round(entry.duration), from: entry.name })))).observe({ type: 'longtask' });
    document.querySelector('.composer-input')!.addEventListener('input', (event) => {
      const typedAt = event.timeStamp;
      requestAnimationFrame(() => probe.keyToFrame.push(performance.now() - typedAt));
    });
  });
  await chat.input.pressSequentially(text, { delay: 30 });
  const measured = await chat.frame.evaluate((label) => {
    const probe = (window as unknown as { inkwellProbe: { longTasks: LongTask[]; keyToFrame: number[]; startedAt: number } }).inkwellProbe;
    const sorted = [...probe.keyToFrame].sort((a, b) => a - b);
    return {
      what: label,
      durationMs: Math.round(performance.now() - probe.startedAt),
      longTasks: probe.longTasks,
      keys: sorted.length,
      medianKeyToFrameMs: Math.round(sorted[sorted.length >> 1] ?? 0),
      maxKeyToFrameMs: Math.round(sorted.at(-1) ?? 0),
    };
  }, what);
  return { ...measured, typed: text.length };
}
