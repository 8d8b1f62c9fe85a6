import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationSource } from '../../../src/inline/common/cancellation';
import { InlineCompleter, type CompletionRequest } from '../../../src/inline/common/inlineCompleter';
import { DEFAULT_INLINE_SETTINGS, type InlineSettings } from '../../../src/inline/common/inlineSettings';
import { ProviderError, type GenerationOutcome, type GenerationRequest } from '../../../src/providers/provider';

interface FakeProvider {
  requests: GenerationRequest[];
  /** The token each request came with, to see whether it was cancelled. */
  tokens: Array<CancellationSource['token']>;
  generate(request: GenerationRequest, onDelta: (delta: string) => void, token: CancellationSource['token']): Promise<GenerationOutcome>;
}

/** Streams `pieces` one per tick, stopping when cancelled, as the engine does. */
function aProvider(pieces: string[] | (() => never)): FakeProvider {
  const provider: FakeProvider = {
    requests: [],
    tokens: [],
    async generate(request, onDelta, token) {
      provider.requests.push(request);
      provider.tokens.push(token);
      const streamed = Array.isArray(pieces) ? pieces : pieces();
      let text = '';
      for (const piece of streamed) {
        await new Promise((resolve) => setImmediate(resolve));
        if (token.isCancellationRequested) break;
        text += piece;
        onDelta(piece);
      }
      const finishReason = token.isCancellationRequested ? 'aborted' : 'eos';
      return { text, finishReason, promptTokens: 10, generatedTokens: streamed.length, tokensPerSecond: 50, timeToFirstTokenMs: 5 };
    },
  };
  return provider;
}

function aCompleter(provider: FakeProvider, settings: Partial<InlineSettings> = {}, state = { snoozed: false }) {
  const waits: number[] = [];
  let now = 0;
  const completer = new InlineCompleter({
    provider,
    settings: () => ({ ...DEFAULT_INLINE_SETTINGS, ...settings }),
    snoozed: () => state.snoozed,
    wait: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    now: () => (now += 10),
    log: { debug: () => undefined },
  });
  return { completer, waits };
}

const at = (before: string, after = ''): CompletionRequest => ({ documentKey: 'file:///notes.md', languageId: 'markdown', before, after, explicit: false });
const token = () => new CancellationSource().token;

describe('InlineCompleter', () => {
  it('suggests the rest of the sentence from a raw prompt for the inline model', async () => {
    const provider = aProvider([' sat', ' on the mat.', ' Then it', ' slept.']);
    const { completer } = aCompleter(provider);
    assert.deepEqual(await completer.complete(at('# Cats\n\nThe cat'), token()), { kind: 'suggestion', text: ' sat on the mat.', source: 'model' });
    const [request] = provider.requests;
    assert.deepEqual([request!.rawPrompt, request!.messages, request!.purpose, request!.settings.temperature], ['# Cats\n\nThe cat', [], 'inline', 0]);
  });

  it('cancels the generation as soon as the stop rules have the suggestion', async () => {
    const provider = aProvider([' sat.', ' Then', ' it', ' slept', ' all', ' day.']);
    await aCompleter(provider).completer.complete(at('The cat'), token());
    assert.equal(provider.tokens[0]!.isCancellationRequested, true);
  });

  it('asks the engine to stop before the text that follows the cursor', async () => {
    const provider = aProvider([' sat']);
    await aCompleter(provider).completer.complete(at('The cat', ' on the mat.'), token());
    assert.deepEqual(provider.requests[0]!.settings.stop, ['on the mat.']);
  });

  it('keeps a suggestion the user types through without asking the model again', async () => {
    const provider = aProvider([' sat on the mat.']);
    const { completer } = aCompleter(provider);
    await completer.complete(at('The cat'), token());
    assert.deepEqual(await completer.complete(at('The cat sa'), token()), { kind: 'suggestion', text: 't on the mat.', source: 'cache' });
    assert.equal(provider.requests.length, 1);
    assert.equal(completer.stats.snapshot().keptWhileTyping, 1);
  });

  it('asks the model again when the user types something else', async () => {
    const provider = aProvider([' sat on the mat.']);
    const { completer } = aCompleter(provider);
    await completer.complete(at('The cat'), token());
    await completer.complete(at('The cat ran'), token());
    assert.equal(provider.requests.length, 2);
  });

  it('lets the newest request win: an older one still generating is cancelled and shows nothing', async () => {
    const provider = aProvider([' one', ' two', ' three', ' four.']);
    const { completer } = aCompleter(provider);
    const older = completer.complete(at('Count:'), token());
    await new Promise((resolve) => setImmediate(resolve));
    const newer = completer.complete(at('Count: zero,'), token());
    assert.deepEqual(await older, { kind: 'none', reason: 'cancelled' });
    assert.equal((await newer).kind, 'suggestion');
    assert.equal(provider.tokens[0]!.isCancellationRequested, true);
    assert.equal(completer.stats.snapshot().cancelled, 1);
  });

  it('stops when the editor cancels the request', async () => {
    const provider = aProvider([' one', ' two', ' three.']);
    const source = new CancellationSource();
    const result = aCompleter(provider).completer.complete(at('Count:'), source.token);
    await new Promise((resolve) => setImmediate(resolve));
    source.cancel();
    assert.deepEqual(await result, { kind: 'none', reason: 'cancelled' });
    assert.equal(provider.tokens[0]!.isCancellationRequested, true);
  });

  it('waits the adaptive delay after a keystroke, and not at all when asked explicitly', async () => {
    const { completer, waits } = aCompleter(aProvider([' sat.']), { delayMs: 120 });
    await completer.complete(at('The cat'), token());
    await completer.complete({ ...at('The dog'), explicit: true }, token());
    assert.deepEqual(waits, [120]);
  });

  it('waits less after suggestions are accepted', async () => {
    const { completer, waits } = aCompleter(aProvider([' sat.']), { delayMs: 200 });
    for (const text of ['A', 'B', 'C']) {
      await completer.complete(at(text), token());
      completer.accepted();
    }
    assert.ok(waits[2]! < waits[0]!, `${waits}`);
  });

  it('counts shown and accepted suggestions with their latency', async () => {
    const { completer } = aCompleter(aProvider([' sat.']));
    await completer.complete(at('The cat'), token());
    completer.accepted();
    const stats = completer.stats.snapshot();
    assert.deepEqual([stats.shown, stats.accepted, stats.latencyMs?.samples], [1, 1, 1]);
  });

  it('suggests nothing while disabled or snoozed, or where there is nothing to complete', async () => {
    const provider = aProvider([' sat.']);
    assert.deepEqual(await aCompleter(provider, { enabled: false }).completer.complete(at('The cat'), token()), { kind: 'none', reason: 'off' });
    assert.deepEqual(await aCompleter(provider, {}, { snoozed: true }).completer.complete(at('The cat'), token()), { kind: 'none', reason: 'off' });
    assert.deepEqual(await aCompleter(provider).completer.complete(at('The c', 'at'), token()), { kind: 'none', reason: 'mid-word' });
    assert.equal(provider.requests.length, 0);
  });

  it('suggests nothing when the stop rules leave nothing', async () => {
    const { completer } = aCompleter(aProvider(['\n', 'const x = 1;']), { languages: ['typescript'] });
    const request = { ...at('// the answer'), languageId: 'typescript' };
    assert.deepEqual(await completer.complete(request, token()), { kind: 'none', reason: 'empty' });
  });

  it('returns a provider failure as a value', async () => {
    const failing = aProvider(() => {
      throw new ProviderError('model-unavailable', 'No model.');
    });
    const result = await aCompleter(failing).completer.complete(at('The cat'), token());
    assert.equal(result.kind === 'failed' && result.error.code, 'model-unavailable');
  });
});
