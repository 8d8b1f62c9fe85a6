/**
 * What a failed Gemini API answer means to the user. Gemini errors are google.rpc.Status objects
 * (`{"error": {"code", "message", "status", "details"}}`); an invalid key is a 400 whose details
 * carry reason API_KEY_INVALID, and a 429 may say how long to wait in a RetryInfo detail.
 */
import type { FailedAnswer } from '../../http/sendWithRetries';
import type { ProviderError } from '../provider';
import { isObject, remoteError, tryParseJson, waitHint } from '../remote/remoteError';

interface GeminiStatus {
  message?: string;
  status?: string;
  reasons: string[];
  retryDelayMs?: number;
}

export function readGeminiStatus(body: string): GeminiStatus {
  const parsed = tryParseJson(body);
  const error = isObject(parsed) && isObject(parsed.error) ? parsed.error : undefined;
  if (!error) return { reasons: [] };
  const details = Array.isArray(error.details) ? error.details.filter(isObject) : [];
  const retryDelay = details.map((detail) => detail.retryDelay).find((delay) => typeof delay === 'string');
  return {
    message: typeof error.message === 'string' ? error.message : undefined,
    status: typeof error.status === 'string' ? error.status : undefined,
    reasons: details.map((detail) => detail.reason).filter((reason): reason is string => typeof reason === 'string'),
    retryDelayMs: typeof retryDelay === 'string' ? durationMs(retryDelay) : undefined,
  };
}

/** A protobuf Duration in JSON ("37s", "1.5s"). */
function durationMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

export interface GeminiFailureContext {
  service: string;
  model: string;
  redact(text: string): string;
}

export function geminiFailure(failure: Pick<FailedAnswer, 'status' | 'body' | 'retryAfterMs'>, context: GeminiFailureContext): ProviderError {
  const status = readGeminiStatus(failure.body);
  const said = context.redact(status.message ?? `HTTP ${failure.status}`);
  const name = status.status ? `${status.status}: ` : '';
  if (status.reasons.includes('API_KEY_INVALID') || failure.status === 401) {
    return remoteError('bad-api-key', `The Gemini API rejected the API key (${said}). Run "Inkwell: Set API Key" to enter a valid one.`);
  }
  switch (failure.status) {
    case 403:
      return remoteError('permission-denied', `The Gemini API refused the request (${name}${said}). Check that the key's project may use the Gemini API.`);
    case 404:
      return remoteError(
        'model-not-found',
        `The Gemini API has no model "${context.model}" (${said}). Choose one with "Inkwell: Select Provider and Model" or set inkwell.gemini.model.`,
      );
    case 429:
      return remoteError(
        'rate-limited',
        `The Gemini API's rate limit or quota for this key is used up (${name}${said}).${waitHint(failure.retryAfterMs ?? status.retryDelayMs)}`,
      );
    case 400:
      return remoteError('bad-request', `The Gemini API rejected the request (${name}${said}).`);
    default:
      return remoteError('server-error', `The Gemini API had a problem (HTTP ${failure.status}, ${name}${said}). Try again in a moment.`);
  }
}
