/**
 * A Gemini API on loopback that answers as the real one does: `models/{model}:streamGenerateContent?alt=sse`
 * streams GenerateContentResponse events separated by CRLF CRLF, `:generateContent` answers one
 * JSON object, `GET models` lists models, and failures are google.rpc.Status bodies. What it
 * answers next is scripted per test with `reply`.
 */
import type { ServerResponse } from 'node:http';
import { awkwardChunks, startLoopbackServer, writeSlowly, type LoopbackServer, type RecordedRequest } from './loopbackServer';

export type GeminiReply =
  /** Streams `pieces` as events; the last one carries finishReason and usage. */
  | { kind: 'text'; pieces: string[]; finishReason?: string }
  /** Streams `pieces`, then waits until the client hangs up. */
  | { kind: 'text-then-wait'; pieces: string[] }
  /** Streams `pieces`, then half of the next event, then closes the connection. */
  | { kind: 'cut-mid-event'; pieces: string[] }
  /** Streams `pieces`, then an event whose data is not JSON. */
  | { kind: 'malformed-event'; pieces: string[] }
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> };

export interface FakeGemini {
  /** Ends in `/v1beta`, like the real endpoint. */
  endpoint: string;
  requests: RecordedRequest[];
  /** Replies for the next streamGenerateContent requests, in order; afterwards each gets "Hello". */
  reply(...replies: GeminiReply[]): void;
  /** What every generateContent request (inline completions) gets; they come at every pause in
   * typing, so they never take a scripted stream reply. */
  inlineText: string;
  close(): Promise<void>;
}

export const GEMINI_MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro'];

export async function startFakeGemini(options: { apiKey: string; host?: string }): Promise<FakeGemini> {
  const queue: GeminiReply[] = [];
  const fake = { inlineText: 'Hello' };
  const server: LoopbackServer = await startLoopbackServer(async (request, response) => {
    if (request.headers['x-goog-api-key'] !== options.apiKey) return sendStatus(response, 400, invalidKey());
    if (request.method === 'GET' && request.path === '/v1beta/models') {
      return sendJson(response, 200, {
        models: [
          ...GEMINI_MODELS.map((name) => ({ name: `models/${name}`, displayName: name, supportedGenerationMethods: ['generateContent', 'countTokens'] })),
          { name: 'models/text-embedding-004', supportedGenerationMethods: ['embedContent'] },
        ],
      });
    }
    const match = /^\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/.exec(request.path);
    if (request.method !== 'POST' || !match) return sendStatus(response, 404, { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } });
    const [, model, method] = match;
    if (!GEMINI_MODELS.includes(decodeURIComponent(model))) return sendStatus(response, 404, modelNotFound(decodeURIComponent(model)));
    if (method === 'generateContent') return sendJson(response, 200, responseObject(fake.inlineText, 'STOP', true));
    const reply = queue.shift() ?? { kind: 'text', pieces: ['Hello'] };
    if (reply.kind === 'status') return sendStatus(response, reply.status, reply.body, reply.headers);
    await stream(response, reply, request);
  }, options.host);
  return Object.assign(fake, {
    endpoint: `${server.origin}/v1beta`,
    requests: server.requests,
    reply: (...replies: GeminiReply[]) => void queue.push(...replies),
    close: () => server.close(),
  });
}

async function stream(response: ServerResponse, reply: Exclude<GeminiReply, { kind: 'status' }>, request: RecordedRequest): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff' });
  const last = reply.pieces.length - 1;
  const ends = reply.kind === 'text';
  const events = reply.pieces.map((piece, i) => event(responseObject(piece, ends && i === last ? (reply.finishReason ?? 'STOP') : undefined, ends && i === last)));
  await writeSlowly(response, awkwardChunks(events.join('')));
  switch (reply.kind) {
    case 'text':
      return void response.end();
    case 'text-then-wait':
      return request.closed;
    case 'cut-mid-event': {
      const next = event(responseObject(' and more', undefined, false));
      await writeSlowly(response, awkwardChunks(next.slice(0, next.length / 2)));
      return void response.socket?.destroy();
    }
    case 'malformed-event':
      return void response.end('data: {"candidates": [{"content": {"parts": [{"text": "oops"\r\n\r\n');
  }
}

function event(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\r\n\r\n`;
}

function responseObject(text: string, finishReason: string | undefined, withUsage: boolean): unknown {
  return {
    candidates: [{ content: { parts: [{ text }], role: 'model' }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    ...(withUsage ? { usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 17 } } : {}),
    modelVersion: 'gemini-2.5-flash',
    responseId: 'fake-response-1',
  };
}

export function invalidKey(): unknown {
  return {
    error: {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
      ],
    },
  };
}

export function modelNotFound(model: string): unknown {
  return {
    error: {
      code: 404,
      message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      status: 'NOT_FOUND',
    },
  };
}

export function resourceExhausted(retryDelay?: string): unknown {
  return {
    error: {
      code: 429,
      message: 'You exceeded your current quota, please check your plan and billing details.',
      status: 'RESOURCE_EXHAUSTED',
      details: retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] : [],
    },
  };
}

export function internalError(): unknown {
  return { error: { code: 500, message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', status: 'INTERNAL' } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

function sendStatus(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}
