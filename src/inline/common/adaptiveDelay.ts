/**
 * How long to wait after a keystroke before asking the model. Starting a generation the next
 * keystroke cancels wastes the engine, and a wait feels slow when the suggestions are good: so
 * the wait shrinks as suggestions get accepted and when the model answers fast, and grows when
 * suggestions are dismissed.
 */

/** Weight of the newest outcome in the running averages: about the last ten count. */
const SMOOTHING = 0.2;

export class AdaptiveDelay {
  /** Running share of shown suggestions that were accepted; starts undecided. */
  private acceptance = 0.5;
  private latencyMs: number | undefined;

  recordOutcome(accepted: boolean): void {
    this.acceptance += SMOOTHING * ((accepted ? 1 : 0) - this.acceptance);
  }

  /** How long the model took from request to finished suggestion. */
  recordLatency(ms: number): void {
    this.latencyMs = this.latencyMs === undefined ? ms : this.latencyMs + SMOOTHING * (ms - this.latencyMs);
  }

  /**
   * From half to one and a half times the setting by acceptance, times 0.75 while the model
   * answers within the setting itself (fast enough that waiting longer buys nothing).
   */
  current(baseMs: number): number {
    const byAcceptance = 1.5 - this.acceptance;
    const bySpeed = this.latencyMs !== undefined && this.latencyMs <= baseMs ? 0.75 : 1;
    return Math.round(baseMs * byAcceptance * bySpeed);
  }
}
