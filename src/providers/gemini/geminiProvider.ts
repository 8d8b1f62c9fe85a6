/**
 * The `gemini` GenerationProvider: Google's Gemini API over REST. Drafts stream through
 * `models/{model}:streamGenerateContent?alt=sse`; inline completions, which are shown only once
 * whole, use `models/{model}:generateContent`. The key travels in the `x-goog-api-key` header,
 * never in the URL, so it cannot reach a log line.
 */
import type * as vscode from 'vscode';
import type { GenerationOutcome, GenerationProvider, GenerationRequest, ProviderModelInfo } from '../provider';
import { redactSecret } from '../../secrets/redactSecret';
import { asProviderError, isObject, malformedStream, remoteError, tryParseJson } from '../remote/remoteError';
import { runRemoteGeneration } from '../remote/remoteGeneration';
import { destinationOf, urlSetting, type RemoteProviderDeps } from '../remote/remoteProviderDeps';
import { sendRemote } from '../remote/remoteRequest';
import { geminiFailure, readGeminiStatus } from './geminiErrors';
import { geminiUrl, toGeminiRequest } from './geminiRequest';
import { geminiResponseProtocol } from './geminiResponse';

export interface GeminiSettings {
  /** API root up to the version: `https://generativelanguage.googleapis.com/v1beta`. */
  endpoint: string;
  model: string;
}

export class GeminiProvider implements GenerationProvider {
  readonly id = 'gemini';

  constructor(private readonly deps: RemoteProviderDeps<GeminiSettings>) {}

  async describeModel(): Promise<ProviderModelInfo> {
    const { model } = this.deps.settings();
    // Every Gemini model that serves generateContent takes images.
    return { name: model, canReadImages: true, destination: destinationOf(this.endpoint()) };
  }

  async generate(request: GenerationRequest, onDelta: (delta: string) => void, token: vscode.CancellationToken): Promise<GenerationOutcome> {
    const { model } = this.deps.settings();
    const endpoint = this.endpoint();
    const key = await this.requireKey();
    const [network, context] = [await this.deps.network(), this.failureContext(endpoint, model, key)];
    const method = request.purpose === 'inline' ? 'generateContent' : 'streamGenerateContent';
    return runRemoteGeneration(
      {
        service: context.service,
        log: this.deps.log,
        protocol: geminiResponseProtocol(method === 'generateContent' ? 'json' : 'sse', context),
        failure: (failure) => geminiFailure(failure, context),
        send: (signal) =>
          sendRemote(
            {
              url: geminiUrl(endpoint.href, model, method),
              method: 'POST',
              headers: this.headers(key, method === 'streamGenerateContent' ? 'text/event-stream' : 'application/json'),
              body: JSON.stringify(toGeminiRequest(request)),
            },
            { label: 'Gemini', network, policy: this.deps.retryPolicy, log: this.deps.log, signal, readFailure: readRetryHint },
          ),
      },
      onDelta,
      token,
    );
  }

  /** The models this key may use for generateContent, for the model picker. */
  async listModels(signal: AbortSignal): Promise<string[]> {
    const endpoint = this.endpoint();
    const key = await this.requireKey();
    const context = this.failureContext(endpoint, this.deps.settings().model, key);
    const url = new URL(`${endpoint.href.replace(/\/+$/, '')}/models`);
    url.searchParams.set('pageSize', '1000');
    try {
      const answer = await sendRemote(
        { url, method: 'GET', headers: this.headers(key, 'application/json') },
        { label: 'Gemini', network: await this.deps.network(), policy: this.deps.retryPolicy, log: this.deps.log, signal, readFailure: readRetryHint },
      );
      if (!answer.ok) throw geminiFailure(answer.failure, context);
      const parsed = tryParseJson(await answer.response.text());
      if (!isObject(parsed) || !Array.isArray(parsed.models)) throw malformedStream(context.service, 'the model list is not a JSON list of models');
      return parsed.models
        .filter(isObject)
        .filter((entry) => Array.isArray(entry.supportedGenerationMethods) && entry.supportedGenerationMethods.includes('generateContent'))
        .map((entry) => String(entry.name).replace(/^models\//, ''));
    } catch (error) {
      throw asProviderError(error, context.service);
    }
  }

  private endpoint(): URL {
    const url = urlSetting(this.deps.settings().endpoint, 'inkwell.gemini.endpoint');
    if (typeof url === 'string') throw remoteError('bad-settings', url);
    return url;
  }

  private async requireKey(): Promise<string> {
    const key = await this.deps.apiKey();
    if (!key) throw remoteError('missing-api-key', 'Inkwell has no Gemini API key. Run "Inkwell: Set API Key" and paste a key from Google AI Studio.');
    return key;
  }

  private failureContext(endpoint: URL, model: string, key: string) {
    return { service: `the Gemini API at ${endpoint.host}`, model, redact: (text: string) => redactSecret(text, key) };
  }

  private headers(key: string, accept: string): Record<string, string> {
    return { 'content-type': 'application/json', accept, 'x-goog-api-key': key };
  }
}

function readRetryHint(_status: number, body: string): { retryAfterMs?: number } {
  return { retryAfterMs: readGeminiStatus(body).retryDelayMs };
}
