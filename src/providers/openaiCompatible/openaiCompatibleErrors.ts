/**
 * What a failed answer from an OpenAI-compatible server means to the user. Servers disagree on
 * the body: OpenAI, Ollama's /v1 and llama.cpp send `{"error": {"message", "type", "code"}}`,
 * older vLLM `{"object": "error", "message", "type", "code"}`, FastAPI-based servers
 * `{"detail": "..."}` for unknown paths; all are read here.
 */
import type { FailedAnswer } from '../../http/sendWithRetries';
import type { ProviderError } from '../provider';
import { isObject, remoteError, tryParseJson, waitHint } from '../remote/remoteError';

export interface OpenAiErrorBody {
  message?: string;
  type?: string;
  code?: string;
}

export function readOpenAiError(body: string): OpenAiErrorBody {
  const parsed = tryParseJson(body);
  if (!isObject(parsed)) return {};
  const error = isObject(parsed.error) ? parsed.error : parsed;
  const message = typeof parsed.error === 'string' ? parsed.error : typeof error.message === 'string' ? error.message : typeof parsed.detail === 'string' ? parsed.detail : undefined;
  return {
    message,
    type: typeof error.type === 'string' ? error.type : undefined,
    code: typeof error.code === 'string' ? error.code : undefined,
  };
}

/** A spent quota (OpenAI's `insufficient_quota`) is a 429 that waiting does not fix. */
export function isSpentQuota(error: OpenAiErrorBody): boolean {
  return error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
}

export interface OpenAiFailureContext {
  service: string;
  model: string;
  /** The request path, for "this server has no /v1/chat/completions". */
  path: string;
  hasKey: boolean;
  redact(text: string): string;
}

export function openAiFailure(failure: Pick<FailedAnswer, 'status' | 'body' | 'retryAfterMs'>, context: OpenAiFailureContext): ProviderError {
  const error = readOpenAiError(failure.body);
  const said = context.redact(error.message ?? `HTTP ${failure.status}`);
  switch (failure.status) {
    case 401:
      return remoteError(
        'bad-api-key',
        context.hasKey
          ? `${capitalized(context.service)} rejected the API key (${said}). Run "Inkwell: Set API Key" to enter the right one.`
          : `${capitalized(context.service)} needs an API key (${said}). Run "Inkwell: Set API Key" to enter one.`,
      );
    case 403:
      return remoteError('permission-denied', `${capitalized(context.service)} refused the request (${said}).`);
    case 404:
      // A server that knows the path but not the model says so in a JSON error; anything else
      // (an HTML page, FastAPI's "Not Found") means the base URL is not an OpenAI-compatible root.
      return error.message && /model/i.test(error.message)
        ? remoteError(
            'model-not-found',
            `${capitalized(context.service)} has no model "${context.model}" (${said}). Choose one with "Inkwell: Select Provider and Model".`,
          )
        : remoteError(
            'endpoint-not-found',
            `${capitalized(context.service)} has no ${context.path} (HTTP 404). Set inkwell.openaiCompatible.baseUrl to the server's root, such as http://localhost:11434 for Ollama or http://localhost:8000 for vLLM.`,
          );
    case 429:
      return isSpentQuota(error)
        ? remoteError('quota-exceeded', `The quota of this API key at ${context.service} is used up (${said}).`)
        : remoteError('rate-limited', `${capitalized(context.service)} is limiting requests (${said}).${waitHint(failure.retryAfterMs)}`);
    case 400:
    case 422:
      return remoteError('bad-request', `${capitalized(context.service)} rejected the request (${said}).`);
    case 503:
      return remoteError('server-error', `${capitalized(context.service)} is busy or still loading the model (${said}).${waitHint(failure.retryAfterMs) || ' Try again in a moment.'}`);
    default:
      return remoteError('server-error', `${capitalized(context.service)} had a problem (HTTP ${failure.status}: ${said}). Try again in a moment.`);
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
