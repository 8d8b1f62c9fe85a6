import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { anOpenAiProvider, aRequest, aSystemText, aUserImage, aUserText, OPENAI_KEY, PNG_BYTES, run } from './remoteProviderKit';
import { quotaExceeded, rateLimited, serverError, startFakeOpenAi, type FakeOpenAi } from './fakeServers/fakeOpenAi';

describe('OpenAiCompatibleProvider against an OpenAI-compatible server on loopback', () => {
  let server: FakeOpenAi;

  before(async () => {
    server = await startFakeOpenAi();
  });
  beforeEach(() => server.requests.splice(0));
  after(() => server.close());

  it('streams a text prompt from /v1/chat/completions, piece by piece, until [DONE]', async () => {
    server.reply({ kind: 'text', pieces: ['Straße', ' und ', 'Ünïcödé 🚀', '.'] });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aSystemText('Be brief.'), aUserText('Say hi.')]));

    assert.deepEqual(result.deltas, ['Straße', ' und ', 'Ünïcödé 🚀', '.']);
    assert.equal(result.outcome?.text, 'Straße und Ünïcödé 🚀.');
    assert.equal(result.outcome?.finishReason, 'eos');
    assert.equal(result.outcome?.promptTokens, 21);
    assert.equal(result.outcome?.generatedTokens, 4);
    const [request] = server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.accept, 'text/event-stream');
    assert.equal(request.headers.authorization, undefined);
  });

  it('sends model, messages, stream and the sampling settings field by field', async () => {
    const { provider } = anOpenAiProvider(server.baseUrl, { model: 'qwen2.5:7b' });
    await run(
      provider,
      aRequest([aSystemText('Be brief.'), aUserText('Hi'), { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] }, aUserText('More')], {
        settings: { maxNewTokens: 77, temperature: 0.3, topP: 0.95, topK: 50, stop: ['###'] },
      }),
    );
    assert.deepEqual(server.requests[0].body, {
      model: 'qwen2.5:7b',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'More' },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 77,
      temperature: 0.3,
      top_p: 0.95,
      stop: ['###'],
    });
  });

  it('sends an image as an image_url content part holding a data URL', async () => {
    server.reply({ kind: 'text', pieces: ['Red.'] });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserImage('Colour?')]));

    assert.equal(result.outcome?.text, 'Red.');
    assert.deepEqual((server.requests[0].body as { messages: unknown }).messages, [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(PNG_BYTES).toString('base64')}` } },
          { type: 'text', text: 'Colour?' },
        ],
      },
    ]);
  });

  it('sends a raw continuation prompt (inline completions) as one user message', async () => {
    const { provider } = anOpenAiProvider(server.baseUrl);
    await run(provider, aRequest([], { rawPrompt: 'The quick brown', purpose: 'inline' }));
    assert.deepEqual((server.requests[0].body as { messages: unknown }).messages, [{ role: 'user', content: 'The quick brown' }]);
  });

  it('accepts a base URL written with /v1 at the end', async () => {
    const { provider } = anOpenAiProvider(`${server.baseUrl}/v1/`);
    await run(provider, aRequest([aUserText('Hi')]));
    assert.equal(server.requests[0].path, '/v1/chat/completions');
  });

  it('uses the first listed model when no model is set', async () => {
    const { provider, log } = anOpenAiProvider(server.baseUrl, { model: '' });
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.outcome?.text, 'Hello');
    assert.deepEqual(
      server.requests.map((request) => `${request.method} ${request.path}`),
      ['GET /v1/models', 'POST /v1/chat/completions'],
    );
    assert.equal((server.requests[1].body as { model: string }).model, 'llama3.2-vision:11b');
    assert.ok(log.lines.some((line) => line.includes("using the server's first model, llama3.2-vision:11b")));
  });

  it('ends properly on a finish reason even when the server sends no [DONE]', async () => {
    server.reply({ kind: 'text', pieces: ['Done'], done: false });
    const { provider } = anOpenAiProvider(server.baseUrl);
    assert.equal((await run(provider, aRequest([aUserText('Hi')]))).outcome?.text, 'Done');
  });

  it('reports finish_reason length', async () => {
    server.reply({ kind: 'text', pieces: ['Long'], finishReason: 'length' });
    const { provider } = anOpenAiProvider(server.baseUrl);
    assert.equal((await run(provider, aRequest([aUserText('Hi')]))).outcome?.finishReason, 'length');
  });

  it('on cancel mid-stream, resolves with the text so far and closes the connection', async () => {
    server.reply({ kind: 'text-then-wait', pieces: ['One', ' two'] });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Count')]), { cancelAfterDeltas: 1 });

    assert.equal(result.outcome?.finishReason, 'aborted');
    assert.equal(result.outcome?.text, 'One');
    await withTimeout(server.requests[0].closed, 1_000, 'the server never saw the connection close');
  });

  it('names the model the server does not have, for 404 with a JSON error', async () => {
    const { provider } = anOpenAiProvider(server.baseUrl, { model: 'mistral:latest' });
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'model-not-found');
    assert.match(result.error?.message ?? '', /^The server at 127\.0\.0\.1:\d+ has no model "mistral:latest" \(model "mistral:latest" not found, try pulling it first\)/);
  });

  it('points at the base URL setting for a 404 that is not about a model', async () => {
    const { provider } = anOpenAiProvider(`${server.baseUrl}/api`);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'endpoint-not-found');
    assert.match(result.error?.message ?? '', /has no \/api\/v1\/chat\/completions \(HTTP 404\)\. Set inkwell\.openaiCompatible\.baseUrl/);
  });

  it('retries a 429 after Retry-After, then streams', async () => {
    server.reply({ kind: 'status', status: 429, body: rateLimited(), headers: { 'retry-after': '1' } }, { kind: 'text', pieces: ['OK'] });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const startedAt = Date.now();
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.outcome?.text, 'OK');
    assert.equal(server.requests.length, 2);
    assert.ok(Date.now() - startedAt >= 950);
  });

  it('does not retry a 429 for a spent quota, and says so', async () => {
    server.reply({ kind: 'status', status: 429, body: quotaExceeded() });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(server.requests.length, 1);
    assert.equal(result.error?.code, 'quota-exceeded');
    assert.match(result.error?.message ?? '', /quota of this API key .* is used up \(You exceeded your current quota/);
  });

  it('retries a 503 with backoff and reports a server that stays busy', async () => {
    const busy = { kind: 'status', status: 503, body: { error: { message: 'server busy, please try again.', type: 'api_error' } } } as const;
    server.reply(busy, busy, busy, busy);
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(server.requests.length, 4);
    assert.equal(result.error?.code, 'server-error');
    assert.match(result.error?.message ?? '', /is busy or still loading the model \(server busy, please try again\.\)/);
  });

  it('reports a 500 at once with what the server said', async () => {
    server.reply({ kind: 'status', status: 500, body: serverError() });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(server.requests.length, 1);
    assert.equal(result.error?.code, 'server-error');
    assert.match(result.error?.message ?? '', /had a problem \(HTTP 500: llama runner process has terminated: signal: killed\)/);
  });

  it('reports a stream cut mid-event as an incomplete response', async () => {
    server.reply({ kind: 'cut-mid-event', pieces: ['Partial'] });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.deepEqual(result.deltas, ['Partial']);
    assert.equal(result.error?.code, 'stream-cut');
  });

  it('reports an event that is not JSON as a malformed response and hangs up', async () => {
    server.reply({ kind: 'malformed-event', pieces: ['Fine'] });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'malformed-response');
    await withTimeout(server.requests[0].closed, 1_000, 'connection left open');
  });

  it('reports an error event in the stream with its message', async () => {
    server.reply({ kind: 'error-event', pieces: ['Some'], error: { message: 'CUDA out of memory', type: 'InternalServerError', code: 500 } });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'server-error');
    assert.match(result.error?.message ?? '', /CUDA out of memory/);
  });

  it('reports a 200 that is not an event stream (a login page in between) as unreadable', async () => {
    server.reply({ kind: 'status', status: 200, body: '<html>Sign in</html>', headers: { 'content-type': 'text/html; charset=utf-8' } });
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'malformed-response');
    assert.match(result.error?.message ?? '', /\(it answered with text\/html instead of an event stream\)/);
  });

  it('lists the server’s models', async () => {
    const { provider } = anOpenAiProvider(server.baseUrl);
    assert.deepEqual(await provider.listModels(new AbortController().signal), ['llama3.2-vision:11b', 'qwen2.5:7b']);
  });

  it('describes a loopback server as this machine', async () => {
    const { provider } = anOpenAiProvider('http://localhost:11434');
    assert.equal((await provider.describeModel()).destination, 'this machine (localhost:11434)');
  });
});

describe('OpenAiCompatibleProvider with a server that wants a key', () => {
  let server: FakeOpenAi;

  before(async () => {
    server = await startFakeOpenAi({ apiKey: OPENAI_KEY });
  });
  after(() => server.close());

  it('sends the key as a bearer token', async () => {
    const { provider } = anOpenAiProvider(server.baseUrl, { apiKey: OPENAI_KEY });
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.outcome?.text, 'Hello');
    assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${OPENAI_KEY}`);
  });

  it('says a 401 rejected the key, with the echoed key removed from the message and the log', async () => {
    const wrong = 'sk-wrong-key-that-the-server-echoes';
    const { provider, log } = anOpenAiProvider(server.baseUrl, { apiKey: wrong });
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'bad-api-key');
    assert.match(result.error?.message ?? '', /rejected the API key \(Incorrect API key provided: \[redacted\]\. .*\)\. Run "Inkwell: Set API Key"/);
    assert.doesNotMatch([result.error?.message, ...log.lines].join('\n'), new RegExp(wrong));
  });

  it('says a key is needed when none is stored and the server answers 401', async () => {
    const { provider } = anOpenAiProvider(server.baseUrl);
    const result = await run(provider, aRequest([aUserText('Hi')]));

    assert.equal(result.error?.code, 'bad-api-key');
    assert.match(result.error?.message ?? '', /needs an API key/);
  });
});

function withTimeout(promise: Promise<unknown>, ms: number, message: string): Promise<unknown> {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref())]);
}
