/**
 * An OpenAI-compatible server on loopback, shaped like Ollama's /v1 layer: `POST /v1/chat/completions`
 * streams chat.completion.chunk events separated by LF LF, a usage chunk with no choices, then
 * `data: [DONE]`; `GET /v1/models` lists models; errors are `{"error": {"message", "type", "code"}}`.
 * With `apiKey` set it wants `Authorization: Bearer <key>` and, like some servers, echoes a wrong
 * key back in its error message.
 */
import type { ServerResponse } from 'node:http';
import { awkwardChunks, startLoopbackServer, writeSlowly, type RecordedRequest } from './loopbackServer';

export type OpenAiReply =
  | { kind: 'text'; pieces: string[]; finishReason?: string; done?: boolean }
  | { kind: 'text-then-wait'; pieces: string[] }
  | { kind: 'cut-mid-event'; pieces: string[] }
  | { kind: 'malformed-event'; pieces: string[] }
  | { kind: 'error-event'; pieces: string[]; error: unknown }
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> };

export interface FakeOpenAi {
  /** The server root, as the user would enter it: `http://127.0.0.1:PORT`. */
  baseUrl: string;
  requests: RecordedRequest[];
  reply(...replies: OpenAiReply[]): void;
  close(): Promise<void>;
}

export const OPENAI_MODELS = ['llama3.2-vision:11b', 'qwen2.5:7b'];

export async function startFakeOpenAi(options: { apiKey?: string } = {}): Promise<FakeOpenAi> {
  const queue: OpenAiReply[] = [];
  const server = await startLoopbackServer(async (request, response) => {
    if (options.apiKey !== undefined) {
      const sent = /^Bearer (.*)$/.exec(request.headers.authorization ?? '')?.[1];
      if (sent !== options.apiKey) return sendJson(response, 401, invalidApiKey(sent ?? ''));
    }
    if (request.method === 'GET' && request.path === '/v1/models') {
      return sendJson(response, 200, { object: 'list', data: OPENAI_MODELS.map((id) => ({ id, object: 'model', created: 1_730_000_000, owned_by: 'library' })) });
    }
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      return void response.end('404 page not found');
    }
    const model = (request.body as { model?: string }).model ?? '';
    if (!OPENAI_MODELS.includes(model)) return sendJson(response, 404, modelNotFound(model));
    const reply = queue.shift() ?? { kind: 'text', pieces: ['Hello'] };
    if (reply.kind === 'status') {
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      return void response.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    }
    await stream(response, reply, model, request);
  });
  return { baseUrl: server.origin, requests: server.requests, reply: (...replies) => queue.push(...replies), close: () => server.close() };
}

async function stream(response: ServerResponse, reply: Exclude<OpenAiReply, { kind: 'status' }>, model: string, request: RecordedRequest): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const first = [event(chunk(model, { role: 'assistant', content: '' }, null))];
  const pieces = reply.pieces.map((piece) => event(chunk(model, { content: piece }, null)));
  await writeSlowly(response, awkwardChunks([...first, ...pieces].join('')));
  switch (reply.kind) {
    case 'text': {
      const tail = [
        event(chunk(model, {}, reply.finishReason ?? 'stop')),
        event({ ...chunk(model, {}, null), choices: [], usage: { prompt_tokens: 21, completion_tokens: reply.pieces.length, total_tokens: 21 + reply.pieces.length } }),
        ...(reply.done === false ? [] : ['data: [DONE]\n\n']),
      ];
      await writeSlowly(response, awkwardChunks(tail.join('')));
      return void response.end();
    }
    case 'text-then-wait':
      return request.closed;
    case 'cut-mid-event': {
      const next = event(chunk(model, { content: ' and more' }, null));
      await writeSlowly(response, awkwardChunks(next.slice(0, next.length / 2)));
      return void response.socket?.destroy();
    }
    case 'malformed-event':
      return void response.end('data: {"id":"chatcmpl-1","choices":[{"delta":{"content":"oops"\n\n');
    case 'error-event':
      return void response.end(event({ error: reply.error }));
  }
}

function event(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function chunk(model: string, delta: Record<string, string>, finishReason: string | null): Record<string, unknown> {
  return {
    id: 'chatcmpl-412',
    object: 'chat.completion.chunk',
    created: 1_730_000_000,
    model,
    system_fingerprint: 'fp_ollama',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

export function invalidApiKey(sent: string): unknown {
  return { error: { message: `Incorrect API key provided: ${sent}. You can find your API key in your account settings.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };
}

export function modelNotFound(model: string): unknown {
  return { error: { message: `model "${model}" not found, try pulling it first`, type: 'api_error', param: null, code: null } };
}

export function rateLimited(): unknown {
  return { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } };
}

export function quotaExceeded(): unknown {
  return { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } };
}

export function serverError(): unknown {
  return { error: { message: 'llama runner process has terminated: signal: killed', type: 'api_error', param: null, code: null } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
