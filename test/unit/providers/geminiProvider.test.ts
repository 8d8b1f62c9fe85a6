import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { aGeminiProvider, aRequest, aSystemText, aUserImage, aUserText, GEMINI_KEY, PNG_BYTES, run } from './remoteProviderKit';
import { internalError, resourceExhausted, startFakeGemini, type FakeGemini } from './fakeServers/fakeGemini';

describe('GeminiProvider against a Gemini API on loopback', () => {
  let gemini: FakeGemini;

  before(async () => {
    gemini = await startFakeGemini({ apiKey: GEMINI_KEY });
  });
  beforeEach(() => gemini.requests.splice(0));
  after(() => gemini.close());

  it('streams a text prompt through streamGenerateContent with alt=sse, piece by piece', async () => {
    gemini.reply({ kind: 'text', pieces: ['Bonjour', ', le ', 'monde 🌍', ' — fin.'] });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aSystemText('Write tersely.'), aUserText('Greet the world.')]));

    assert.deepEqual(result.deltas, ['Bonjour', ', le ', 'monde 🌍', ' — fin.']);
    assert.equal(result.outcome?.text, 'Bonjour, le monde 🌍 — fin.');
    assert.equal(result.outcome?.finishReason, 'eos');
    assert.equal(result.outcome?.promptTokens, 12);
    assert.equal(result.outcome?.generatedTokens, 5);
    const [request] = gemini.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    assert.equal(request.query.get('alt'), 'sse');
    assert.equal(request.headers['x-goog-api-key'], GEMINI_KEY);
    assert.equal(request.headers['content-type'], 'application/json');
  });

  it('sends contents, systemInstruction and generationConfig field by field', async () => {
    const { provider } = aGeminiProvider(gemini.endpoint);
    await run(
      provider,
      aRequest([aSystemText('Write tersely.'), aUserText('Greet.'), { role: 'assistant', content: [{ type: 'text', text: 'Hi.' }] }, aUserText('Again.')], {
        settings: { maxNewTokens: 100, temperature: 0.2, topP: 0.8, topK: 20, stop: ['END', '\n\n'] },
      }),
    );
    assert.deepEqual(gemini.requests[0].body, {
      contents: [
        { role: 'user', parts: [{ text: 'Greet.' }] },
        { role: 'model', parts: [{ text: 'Hi.' }] },
        { role: 'user', parts: [{ text: 'Again.' }] },
      ],
      systemInstruction: { parts: [{ text: 'Write tersely.' }] },
      generationConfig: { temperature: 0.2, topP: 0.8, topK: 20, maxOutputTokens: 100, stopSequences: ['END', '\n\n'] },
    });
  });

  it('leaves out topK when the setting is 0 (no limit) and stopSequences when there are none', async () => {
    const { provider } = aGeminiProvider(gemini.endpoint);
    await run(provider, aRequest([aUserText('Hi')], { settings: { maxNewTokens: 8, temperature: 0, topP: 1, topK: 0 } }));
    assert.deepEqual((gemini.requests[0].body as { generationConfig: unknown }).generationConfig, { temperature: 0, topP: 1, maxOutputTokens: 8 });
  });

  it('sends an image as an inline_data part with its mime type and base64 bytes', async () => {
    gemini.reply({ kind: 'text', pieces: ['A red ', 'square.'] });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserImage('What is this?')]));

    assert.equal(result.outcome?.text, 'A red square.');
    assert.deepEqual((gemini.requests[0].body as { contents: unknown }).contents, [
      {
        role: 'user',
        parts: [{ inline_data: { mime_type: 'image/png', data: Buffer.from(PNG_BYTES).toString('base64') } }, { text: 'What is this?' }],
      },
    ]);
  });

  it('answers an inline completion with one generateContent call, delivered whole', async () => {
    gemini.inlineText = 'the rest of the line';
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Complete: ')], { purpose: 'inline' }));

    assert.equal(gemini.requests[0].path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(gemini.requests[0].query.get('alt'), null);
    assert.deepEqual(result.deltas, ['the rest of the line']);
    assert.equal(result.outcome?.finishReason, 'eos');
  });

  it('sends a raw continuation prompt (inline completions) as one user turn', async () => {
    const { provider } = aGeminiProvider(gemini.endpoint);
    await run(provider, aRequest([], { rawPrompt: 'def add(a, b):\n    return', purpose: 'inline' }));
    assert.deepEqual((gemini.requests[0].body as { contents: unknown }).contents, [{ role: 'user', parts: [{ text: 'def add(a, b):\n    return' }] }]);
  });

  it('reports MAX_TOKENS as finish reason length', async () => {
    gemini.reply({ kind: 'text', pieces: ['Cut short'], finishReason: 'MAX_TOKENS' });
    const { provider } = aGeminiProvider(gemini.endpoint);
    assert.equal((await run(provider, aRequest([aUserText('Go on')]))).outcome?.finishReason, 'length');
  });

  it('on cancel mid-stream, resolves with the text so far and closes the connection', async () => {
    gemini.reply({ kind: 'text-then-wait', pieces: ['First', ' second'] });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Write a lot')]), { cancelAfterDeltas: 1 });

    assert.equal(result.outcome?.finishReason, 'aborted');
    assert.equal(result.outcome?.text, 'First');
    await withTimeout(gemini.requests[0].closed, 1_000, 'the server never saw the connection close');
  });

  it('says the API key was rejected, without the key, for 400 API_KEY_INVALID', async () => {
    const { provider, log } = aGeminiProvider(gemini.endpoint, { apiKey: 'AIzaSy-wrong-key-000000000' });
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'bad-api-key');
    assert.match(result.error?.message ?? '', /rejected the API key \(API key not valid\. Please pass a valid API key\.\)\. Run "Inkwell: Set API Key"/);
    assert.doesNotMatch([result.error?.message, ...log.lines].join('\n'), /wrong-key/);
  });

  it('says there is no key, before sending anything, when none is stored', async () => {
    const { provider } = aGeminiProvider(gemini.endpoint, { apiKey: null });
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'missing-api-key');
    assert.equal(gemini.requests.length, 0);
  });

  it('names the model Gemini does not have, for 404 NOT_FOUND', async () => {
    const { provider } = aGeminiProvider(gemini.endpoint, { model: 'gemini-9-ultra' });
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'model-not-found');
    assert.match(result.error?.message ?? '', /has no model "gemini-9-ultra" \(models\/gemini-9-ultra is not found for API version v1beta/);
  });

  it('waits as long as Retry-After says after a 429, then streams the retry', async () => {
    gemini.reply({ kind: 'status', status: 429, body: resourceExhausted(), headers: { 'retry-after': '1' } }, { kind: 'text', pieces: ['Made it'] });
    const { provider, log } = aGeminiProvider(gemini.endpoint);
    const startedAt = Date.now();
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.outcome?.text, 'Made it');
    assert.equal(gemini.requests.length, 2);
    assert.ok(Date.now() - startedAt >= 950, `retried after ${Date.now() - startedAt} ms`);
    assert.ok(log.lines.some((line) => /answered 429; attempt 2 in 1\.0 s/.test(line)));
  });

  it('follows the RetryInfo delay in a 429 body when there is no Retry-After header', async () => {
    gemini.reply({ kind: 'status', status: 429, body: resourceExhausted('0.3s') }, { kind: 'text', pieces: ['Later'] });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const startedAt = Date.now();
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.outcome?.text, 'Later');
    assert.ok(Date.now() - startedAt >= 280);
  });

  it('reports the quota when 429 persists, with how long to wait', async () => {
    const busy = { kind: 'status', status: 429, body: resourceExhausted('0.01s') } as const;
    gemini.reply(busy, busy, busy, busy);
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(gemini.requests.length, 4);
    assert.equal(result.error?.code, 'rate-limited');
    assert.match(result.error?.message ?? '', /rate limit or quota for this key is used up \(RESOURCE_EXHAUSTED: You exceeded your current quota.*\)\. Try again in about 1 s\./);
  });

  it('does not sit through a Retry-After longer than the policy allows', async () => {
    gemini.reply({ kind: 'status', status: 429, body: resourceExhausted(), headers: { 'retry-after': '3600' } });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(gemini.requests.length, 1);
    assert.match(result.error?.message ?? '', /Try again in about 3600 s\./);
  });

  it('reports a 500 at once as a server problem', async () => {
    gemini.reply({ kind: 'status', status: 500, body: internalError() });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(gemini.requests.length, 1);
    assert.equal(result.error?.code, 'server-error');
    assert.match(result.error?.message ?? '', /The Gemini API had a problem \(HTTP 500, INTERNAL: An internal error has occurred/);
  });

  it('reports a stream cut mid-event as an incomplete response, after the text that did arrive', async () => {
    gemini.reply({ kind: 'cut-mid-event', pieces: ['Half'] });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.deepEqual(result.deltas, ['Half']);
    assert.equal(result.error?.code, 'stream-cut');
    assert.match(result.error?.message ?? '', /The connection to the Gemini API at 127\.0\.0\.1:\d+ ended before the response was complete/);
  });

  it('reports an event that is not JSON as a malformed response and hangs up', async () => {
    gemini.reply({ kind: 'malformed-event', pieces: ['Fine so far'] });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'malformed-response');
    assert.match(result.error?.message ?? '', /sent a response Inkwell cannot read \(an event is not valid JSON\)/);
    await withTimeout(gemini.requests[0].closed, 1_000, 'connection left open');
  });

  it('reports a response Gemini stopped for safety as declined', async () => {
    gemini.reply({ kind: 'text', pieces: [''], finishReason: 'SAFETY' });
    const { provider } = aGeminiProvider(gemini.endpoint);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'content-blocked');
    assert.match(result.error?.message ?? '', /Gemini declined to answer \(finish reason SAFETY\)/);
  });

  it('never puts the key in the URL or the log', async () => {
    const { provider, log } = aGeminiProvider(gemini.endpoint);
    await run(provider, aRequest([aUserText('Hi')]));

    assert.doesNotMatch(gemini.requests[0].query.toString(), /key/);
    assert.ok(log.lines.length > 0);
    assert.doesNotMatch(log.lines.join('\n'), new RegExp(GEMINI_KEY));
  });

  it('lists the models that can generate content', async () => {
    const { provider } = aGeminiProvider(gemini.endpoint);
    assert.deepEqual(await provider.listModels(new AbortController().signal), ['gemini-2.5-flash', 'gemini-2.5-pro']);
    assert.equal(gemini.requests[0].path, '/v1beta/models');
  });

  it('describes where text goes: the endpoint host', async () => {
    const { provider } = aGeminiProvider('https://generativelanguage.googleapis.com/v1beta');
    assert.deepEqual(await provider.describeModel(), { name: 'gemini-2.5-flash', canReadImages: true, destination: 'generativelanguage.googleapis.com' });
  });
});

function withTimeout(promise: Promise<unknown>, ms: number, message: string): Promise<unknown> {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref())]);
}
