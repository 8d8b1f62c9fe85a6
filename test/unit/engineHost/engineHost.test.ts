import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { LoadSpec } from '../../../src/engineHost/common/engineConnection';
import { EngineHost } from '../../../src/engineHost/common/engineHost';
import type { EngineHostError } from '../../../src/engineHost/common/engineHostError';
import type { EngineStatus } from '../../../src/engineHost/common/engineStatus';
import { aDoneMessage, aLoadedMessage, aModelSource, anImageMessage, aTextMessage, someSettings } from '../../builders/engineMessages';
import { aCancellationSource, aRecordingLogger, fakeWebviews, holdsGenerations, settle } from '../../builders/fakeEngineWebview';

const timing = { readyWithinMs: 30_000, pingIntervalMs: 1_000, unresponsiveAfterMs: 10_000 };

function aModel(location = '/models/tiny-llama'): LoadSpec {
  return { source: aModelSource({ location }), device: 'auto', dtype: 'auto' };
}

function aJob(model = aModel(), messages = [aTextMessage()]) {
  return { model, messages, settings: someSettings() };
}

const engines: EngineHost[] = [];

function anEngine(script: Parameters<typeof fakeWebviews>[0] = {}) {
  const { factory, opened } = fakeWebviews(script);
  const log = aRecordingLogger();
  const engine = new EngineHost(factory, log, timing);
  engines.push(engine);
  return { engine, opened, log };
}

async function rejection(promise: Promise<unknown>): Promise<EngineHostError> {
  try {
    await promise;
  } catch (error) {
    return error as EngineHostError;
  }
  assert.fail('expected a rejection');
}

describe('EngineHost', () => {
  // Engines restart themselves after some failures; stop them so that nothing leaks into the next test.
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.dispose();
  });

  it('opens the webview on the first request, loads the model, and streams the generation', async () => {
    const { engine, opened } = anEngine();
    const deltas: string[] = [];
    const outcome = await engine.generate(aJob(), (text) => deltas.push(text));
    assert.equal(opened.length, 1);
    assert.deepEqual(
      opened[0]!.posted.map((message) => message.type),
      ['load', 'generate'],
    );
    assert.deepEqual(deltas, ['Hel', 'lo!']);
    assert.equal(outcome.text, 'Hello!');
  });

  it('sends a raw prompt as it is, for the page to feed without a chat template', async () => {
    const { engine, opened } = anEngine();
    await engine.generate({ ...aJob(aModel(), []), rawPrompt: 'Once upon a' }, () => undefined);
    const [generate] = opened[0]!.postedOfType('generate');
    assert.deepEqual([generate!.rawPrompt, generate!.messages], ['Once upon a', []]);
  });

  it('loads a model once for many requests', async () => {
    const { engine, opened } = anEngine();
    await engine.generate(aJob(), () => undefined);
    await engine.generate(aJob(), () => undefined);
    assert.equal(opened[0]!.postedOfType('load').length, 1);
    assert.equal(opened[0]!.postedOfType('generate').length, 2);
  });

  it('runs one generation at a time, in arrival order', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const first = engine.generate(aJob(), () => undefined);
    const second = engine.generate(aJob(), () => undefined);
    await settle();
    const page = opened[0]!;
    assert.deepEqual(page.postedOfType('generate').map((m) => m.requestId), ['r1']);
    page.send(aDoneMessage('r1', { text: 'one' }));
    assert.equal((await first).text, 'one');
    await settle();
    assert.deepEqual(page.postedOfType('generate').map((m) => m.requestId), ['r1', 'r2']);
    page.send(aDoneMessage('r2', { text: 'two' }));
    assert.equal((await second).text, 'two');
  });

  it('drops a queued request that is cancelled, resolving it as aborted without sending it', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const first = engine.generate(aJob(), () => undefined);
    const cancellation = aCancellationSource();
    const second = engine.generate(aJob(), () => undefined, cancellation.token);
    await settle();
    cancellation.cancel();
    const outcome = await second;
    assert.equal(outcome.finishReason, 'aborted');
    assert.equal(outcome.text, '');
    opened[0]!.send(aDoneMessage('r1'));
    await first;
    await settle();
    assert.deepEqual(opened[0]!.postedOfType('generate').map((m) => m.requestId), ['r1']);
  });

  it('cancels a running generation through the webview and resolves with what it produced', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const cancellation = aCancellationSource();
    const running = engine.generate(aJob(), () => undefined, cancellation.token);
    await settle();
    cancellation.cancel();
    const outcome = await running;
    assert.deepEqual(opened[0]!.postedOfType('cancel'), [{ type: 'cancel', requestId: 'r1' }]);
    assert.equal(outcome.finishReason, 'aborted');
    assert.equal(outcome.text, 'Hel');
  });

  it('resolves an already-cancelled request as aborted without opening the webview', async () => {
    const { engine, opened } = anEngine();
    const cancellation = aCancellationSource();
    cancellation.cancel();
    const outcome = await engine.generate(aJob(), () => undefined, cancellation.token);
    assert.equal(outcome.finishReason, 'aborted');
    assert.equal(opened.length, 0);
  });

  it('cancelGenerations stops the running and the queued generations', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const running = engine.generate(aJob(), () => undefined);
    const queued = engine.generate(aJob(), () => undefined);
    await settle();
    engine.cancelGenerations();
    assert.equal((await queued).finishReason, 'aborted');
    assert.equal((await running).finishReason, 'aborted');
    assert.equal(opened[0]!.postedOfType('cancel').length, 1);
  });

  it('reloads the page to switch models', async () => {
    const { engine, opened } = anEngine();
    await engine.generate(aJob(aModel('/models/a')), () => undefined);
    await engine.generate(aJob(aModel('/models/b')), () => undefined);
    const page = opened[0]!;
    assert.equal(opened.length, 1);
    assert.equal(page.reloads, 1);
    assert.deepEqual(page.postedOfType('load').map((m) => m.source.location), ['/models/a', '/models/b']);
  });

  it('fails the in-flight request with engine-crashed when the webview is closed, and opens a new one for the next', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const running = engine.generate(aJob(), () => undefined);
    await settle();
    opened[0]!.close();
    const error = await rejection(running);
    assert.equal(error.code, 'engine-crashed');
    assert.match(error.message, /closed.*Try again/);
    assert.equal(opened.length, 1, 'a closed engine stays closed until asked for');

    const retried = engine.generate(aJob(), () => undefined);
    await settle();
    opened[1]!.send(aDoneMessage('r2', { text: 'again' }));
    assert.equal((await retried).text, 'again');
    assert.equal(opened[1]!.postedOfType('load').length, 1);
  });

  it('shows an engine closed while idle as stopped, not failed, and leaves it closed', async () => {
    const { engine, opened } = anEngine();
    await engine.generate(aJob(), () => undefined);
    opened[0]!.close();
    await settle();
    assert.deepEqual(engine.status, { kind: 'stopped' });
    assert.equal(opened.length, 1);
  });

  it('carries queued requests over to the new webview after a crash', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const running = engine.generate(aJob(), () => undefined);
    const queued = engine.generate(aJob(), () => undefined);
    await settle();
    opened[0]!.close();
    await rejection(running);
    await settle();
    assert.equal(opened.length, 2);
    opened[1]!.send(aDoneMessage('r2', { text: 'survived' }));
    assert.equal((await queued).text, 'survived');
  });

  it('treats a page that reloads by itself as a crash and brings the model back on a fresh webview', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const running = engine.generate(aJob(), () => undefined);
    await settle();
    opened[0]!.send({ type: 'ready', gpu: opened[0]!.script.gpu });
    const error = await rejection(running);
    assert.equal(error.code, 'engine-crashed');
    assert.match(error.message, /reloaded/);
    await settle();
    assert.equal(opened[0]!.disposed, true);
    assert.equal(opened.length, 2);
    assert.equal(opened[1]!.postedOfType('load').length, 1);
    assert.equal(engine.status.kind, 'ready');
  });

  it('gives up on a webview that stops answering while busy, and disposes it', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval', 'Date'] });
    const { engine, opened } = anEngine({ ...holdsGenerations, answersPings: false });
    const running = engine.generate(aJob(), () => undefined);
    await settle();
    t.mock.timers.tick(timing.unresponsiveAfterMs + timing.pingIntervalMs);
    const error = await rejection(running);
    assert.equal(error.code, 'engine-crashed');
    assert.match(error.message, /stopped answering/);
    assert.equal(opened[0]!.disposed, true);
  });

  it('fails a request whose webview never says ready, and does not retry that by itself', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval', 'Date'] });
    const { engine, opened } = anEngine({ announcesReady: false });
    const waiting = engine.generate(aJob(), () => undefined);
    await settle();
    t.mock.timers.tick(timing.readyWithinMs + timing.pingIntervalMs);
    assert.equal((await rejection(waiting)).code, 'engine-crashed');
    await settle();
    assert.equal(opened.length, 1);
    assert.equal(engine.status.kind, 'error');
  });

  it('keeps a busy webview that answers pings', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval', 'Date'] });
    const { engine, opened } = anEngine(holdsGenerations);
    const running = engine.generate(aJob(), () => undefined);
    await settle();
    for (let elapsed = 0; elapsed < 3 * timing.unresponsiveAfterMs; elapsed += timing.pingIntervalMs) {
      t.mock.timers.tick(timing.pingIntervalMs);
      await settle(2);
    }
    assert.ok(opened[0]!.postedOfType('ping').length > 0);
    opened[0]!.send(aDoneMessage('r1'));
    assert.equal((await running).text, 'Hello!');
  });

  it('refuses images for a model that reads text only, without sending the request', async () => {
    const { engine, opened } = anEngine();
    const error = await rejection(engine.generate(aJob(aModel(), [anImageMessage()]), () => undefined));
    assert.equal(error.code, 'images-not-supported');
    assert.match(error.message, /tiny-llama reads text only/);
    assert.equal(opened[0]!.postedOfType('generate').length, 0);
  });

  it('sends images to a model that reads them', async () => {
    const { engine, opened } = anEngine({ onLoad: (_m, page) => page.send(aLoadedMessage({ canReadImages: true })) });
    await engine.generate(aJob(aModel(), [anImageMessage()]), () => undefined);
    assert.equal(opened[0]!.postedOfType('generate').length, 1);
  });

  it("rejects with the engine's own code when the model fails to load, and shows the error", async () => {
    const { engine } = anEngine({
      onLoad: (_m, page) => page.send({ type: 'error', code: 'missing-file', message: 'No tokenizer.json.' }),
    });
    const error = await rejection(engine.generate(aJob(), () => undefined));
    assert.equal(error.code, 'missing-file');
    assert.deepEqual(engine.status, { kind: 'error', code: 'missing-file', message: 'No tokenizer.json.' });
  });

  it('ignores and logs a malformed message from the webview', async () => {
    const { engine, opened, log } = anEngine(holdsGenerations);
    const running = engine.generate(aJob(), () => undefined);
    await settle();
    opened[0]!.send({ type: 'done', requestId: 'r1', outcome: { text: 42 } });
    await settle();
    assert.ok(log.lines.some((line) => /warn: Ignored a malformed message.*outcome\.text/.test(line)));
    opened[0]!.send(aDoneMessage('r1'));
    assert.equal((await running).text, 'Hello!');
  });

  it('reports its status from start to generation', async () => {
    const { engine } = anEngine();
    const kinds: EngineStatus['kind'][] = [];
    engine.onDidChangeStatus((status) => kinds.push(status.kind));
    await engine.generate(aJob(), () => undefined);
    assert.deepEqual(dedupe(kinds), ['starting', 'loading', 'ready', 'generating', 'ready']);
    assert.equal(engine.status.kind === 'ready' && engine.status.lastTokensPerSecond, 30);
  });

  it('prepare loads the model and tells what it is', async () => {
    const { engine } = anEngine({ onLoad: (_m, page) => page.send(aLoadedMessage({ device: 'wasm', notices: ['No WebGPU.'] })) });
    const info = await engine.prepare(aModel());
    assert.equal(info.device, 'wasm');
    assert.deepEqual(info.notices, ['No WebGPU.']);
  });

  it('restart fails the in-flight request and loads the last model on a fresh webview', async () => {
    const { engine, opened } = anEngine(holdsGenerations);
    const running = engine.generate(aJob(), () => undefined);
    await settle();
    engine.restart();
    assert.equal((await rejection(running)).code, 'engine-crashed');
    await settle();
    assert.equal(opened[0]!.disposed, true);
    assert.equal(opened[1]!.postedOfType('load').length, 1);
  });
});

function dedupe<T>(values: T[]): T[] {
  return values.filter((value, index) => index === 0 || values[index - 1] !== value);
}
