/**
 * One inline completion, from keystroke to suggestion: decides whether to suggest here, serves a
 * suggestion the user is typing through from the cache, waits out the adaptive delay, lets the
 * newest request win, asks the provider for a raw-prompt continuation and runs the stream through
 * the stop rules. No VS Code API: the editor side (`../vscode/`) adapts documents and tokens.
 */
import { ProviderError, type GenerationProvider, type GenerationRequest } from '../../providers/provider';
import { AdaptiveDelay } from './adaptiveDelay';
import { CancellationSource, type CancellationToken } from './cancellation';
import { completionPlace, type Boundary, type NotHere } from './completionPlace';
import { buildCompletionPrompt, type CompletionPrompt } from './completionPrompt';
import { CompletionStats } from './completionStats';
import { DeltaChannel } from './deltaChannel';
import type { InlineSettings } from './inlineSettings';
import { SuggestionCache, type CursorText } from './suggestionCache';
import { suggestionSteps } from './stopRules/suggestionSteps';
import { chain, collect } from './stopRules/textTransform';

export interface CompletionRequest extends CursorText {
  languageId: string;
  /** Asked for by the user (Alt+\), not by typing: no delay. */
  explicit: boolean;
}

export type CompletionResult =
  | { kind: 'suggestion'; text: string; source: 'model' | 'cache' }
  | { kind: 'none'; reason: NotHere | 'off' | 'cancelled' | 'empty' }
  | { kind: 'failed'; error: ProviderError };

export interface InlineCompleterDeps {
  provider: Pick<GenerationProvider, 'generate'>;
  settings(): InlineSettings;
  snoozed(): boolean;
  wait(ms: number, token: CancellationToken): Promise<void>;
  now(): number;
  log: { debug(message: string): void };
}

/**
 * Prose tokens average about 4 characters; a budget of a third of the length in characters
 * leaves room for short tokens, and the length cap trims to the exact limit.
 */
const CHARS_PER_TOKEN_BUDGET = 3;

export class InlineCompleter {
  readonly stats = new CompletionStats();
  private readonly delay = new AdaptiveDelay();
  private readonly cache = new SuggestionCache();
  private newest: CancellationSource | undefined;
  /** A suggestion was shown and the user has not yet accepted it, typed through it or moved on. */
  private awaitingOutcome = false;

  constructor(private readonly deps: InlineCompleterDeps) {}

  async complete(request: CompletionRequest, token: CancellationToken): Promise<CompletionResult> {
    const startedAt = this.deps.now();
    const settings = this.deps.settings();
    if (!settings.enabled || this.deps.snoozed()) return { kind: 'none', reason: 'off' };
    const place = completionPlace(request, settings);
    if (!place.complete) return { kind: 'none', reason: place.reason };
    const cached = this.cache.lookup(request);
    if (cached.kind === 'kept' && cached.rest) {
      this.stats.recordKept();
      return { kind: 'suggestion', text: cached.rest, source: 'cache' };
    }
    // Typed all of it: as good as accepted. Anything else: the shown suggestion was passed over.
    if (this.awaitingOutcome) this.delay.recordOutcome(cached.kind === 'kept');
    this.awaitingOutcome = false;

    // The newest request wins: whatever an older one still does is wasted.
    this.newest?.cancel();
    const run = new CancellationSource(token);
    this.newest = run;
    try {
      if (!request.explicit) await this.deps.wait(this.delay.current(settings.delayMs), run.token);
      if (run.token.isCancellationRequested) return this.cancelled();
      const prompt = buildCompletionPrompt(request.before, request.after);
      const askedAt = this.deps.now();
      const text = await this.generate(prompt, place.boundary, settings.maxLength, run.token);
      if (run.token.isCancellationRequested) return this.cancelled();
      const doneAt = this.deps.now();
      this.delay.recordLatency(doneAt - askedAt);
      if (!text.trim()) return { kind: 'none', reason: 'empty' };
      this.cache.remember(request, text);
      this.stats.recordShown(doneAt - startedAt);
      this.awaitingOutcome = true;
      this.deps.log.debug(`Inline suggestion of ${text.length} characters, ${Math.round(doneAt - startedAt)} ms after the keystroke.`);
      return { kind: 'suggestion', text, source: 'model' };
    } catch (error) {
      this.stats.recordFailed();
      return { kind: 'failed', error: asProviderError(error) };
    } finally {
      run.dispose();
      if (this.newest === run) this.newest = undefined;
    }
  }

  /** The editor inserted the whole suggestion. */
  accepted(): void {
    this.stats.recordAccepted();
    this.delay.recordOutcome(true);
    this.awaitingOutcome = false;
    this.cache.clear();
  }

  private async generate(prompt: CompletionPrompt, boundary: Boundary, maxLength: number, token: CancellationToken): Promise<string> {
    const generation = new CancellationSource(token);
    const channel = new DeltaChannel(() => generation.cancel());
    const request: GenerationRequest = {
      messages: [],
      rawPrompt: prompt.text,
      purpose: 'inline',
      // Greedy: the likeliest continuation, and the same one for the same text.
      settings: {
        maxNewTokens: Math.ceil(maxLength / CHARS_PER_TOKEN_BUDGET),
        temperature: 0,
        topP: 1,
        topK: 0,
        ...(prompt.suffix.probe && { stop: [prompt.suffix.probe] }),
      },
    };
    void this.deps.provider.generate(request, (delta) => channel.push(delta), generation.token).then(
      () => channel.end(),
      (error: unknown) => channel.fail(error),
    );
    try {
      return await collect(chain(channel, suggestionSteps(prompt, boundary, maxLength)));
    } finally {
      generation.dispose();
    }
  }

  private cancelled(): CompletionResult {
    this.stats.recordCancelled();
    return { kind: 'none', reason: 'cancelled' };
  }
}

function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError('engine-failed', `Inline completion failed: ${error instanceof Error ? error.message : String(error)}`);
}
