/**
 * The `openai-compatible` GenerationProvider: any server with OpenAI's chat completions API
 * (Ollama, vLLM, llama.cpp's server, LM Studio). Text streams from `POST {baseUrl}/v1/chat/completions`;
 * `GET {baseUrl}/v1/models` lists what the server offers. The key is optional (local servers
 * rarely want one) and travels as a bearer token.
 */
import type * as vscode from 'vscode';
import type { GenerationOutcome, GenerationProvider, GenerationRequest, ProviderModelInfo } from '../provider';
import { redactSecret } from '../../secrets/redactSecret';
import { asProviderError, isObject, malformedStream, remoteError, tryParseJson } from '../remote/remoteError';
import { runRemoteGeneration } from '../remote/remoteGeneration';
import { destinationOf, urlSetting, type RemoteProviderDeps } from '../remote/remoteProviderDeps';
import { sendRemote } from '../remote/remoteRequest';
import { openAiUrl, toChatCompletionsRequest } from './chatCompletionsRequest';
import { chatCompletionsProtocol } from './chatCompletionsResponse';
import { isSpentQuota, openAiFailure, readOpenAiError, type OpenAiFailureContext } from './openaiCompatibleErrors';

export interface OpenAiCompatibleSettings {
  /** The server's root: `http://localhost:11434`. */
  baseUrl: string;
  /** Empty: the first model the server lists. */
  model: string;
}

export class OpenAiCompatibleProvider implements GenerationProvider {
  readonly id = 'openai-compatible';

  constructor(private readonly deps: RemoteProviderDeps<OpenAiCompatibleSettings>) {}

  async describeModel(): Promise<ProviderModelInfo> {
    const { model } = this.deps.settings();
    // Whether the served model reads images is the server's to say; it answers a request with
    // images it cannot take with an error that is shown as it is.
    return { name: model || 'the server’s first model', canReadImages: true, destination: destinationOf(this.baseUrl()) };
  }

  async generate(request: GenerationRequest, onDelta: (delta: string) => void, token: vscode.CancellationToken): Promise<GenerationOutcome> {
    const baseUrl = this.baseUrl();
    const key = await this.deps.apiKey();
    const network = await this.deps.network();
    const url = openAiUrl(baseUrl, 'chat/completions');
    let model = this.deps.settings().model;
    const context = { ...this.failureContext(baseUrl, url, model, key), get model() { return model; } };
    return runRemoteGeneration(
      {
        service: context.service,
        log: this.deps.log,
        protocol: chatCompletionsProtocol(context),
        failure: (failure) => openAiFailure(failure, context),
        send: async (signal) => {
          model ||= await this.firstModel(signal);
          const body = JSON.stringify(toChatCompletionsRequest(request, model));
          return sendRemote(
            { url, method: 'POST', headers: this.headers(key, 'text/event-stream'), body },
            { label: 'OpenAI-compatible', network, policy: this.deps.retryPolicy, log: this.deps.log, signal, readFailure },
          );
        },
      },
      onDelta,
      token,
    );
  }

  /** The model ids the server offers, for the model picker. */
  async listModels(signal: AbortSignal): Promise<string[]> {
    const baseUrl = this.baseUrl();
    const key = await this.deps.apiKey();
    const url = openAiUrl(baseUrl, 'models');
    const context = this.failureContext(baseUrl, url, this.deps.settings().model, key);
    try {
      const answer = await sendRemote(
        { url, method: 'GET', headers: this.headers(key, 'application/json') },
        { label: 'OpenAI-compatible', network: await this.deps.network(), policy: this.deps.retryPolicy, log: this.deps.log, signal, readFailure },
      );
      if (!answer.ok) throw openAiFailure(answer.failure, context);
      const parsed = tryParseJson(await answer.response.text());
      if (!isObject(parsed) || !Array.isArray(parsed.data)) throw malformedStream(context.service, 'the model list is not a JSON list of models');
      return parsed.data.filter(isObject).map((entry) => entry.id).filter((id): id is string => typeof id === 'string');
    } catch (error) {
      throw asProviderError(error, context.service);
    }
  }

  private async firstModel(signal: AbortSignal): Promise<string> {
    const [first] = await this.listModels(signal);
    if (!first) throw remoteError('model-not-found', `The server at ${this.baseUrl().host} serves no models. Load one on the server first.`);
    this.deps.log.info(`OpenAI-compatible: inkwell.openaiCompatible.model is empty; using the server's first model, ${first}`);
    return first;
  }

  private baseUrl(): URL {
    const url = urlSetting(this.deps.settings().baseUrl, 'inkwell.openaiCompatible.baseUrl');
    if (typeof url === 'string') throw remoteError('bad-settings', url);
    return url;
  }

  private failureContext(baseUrl: URL, url: URL, model: string, key: string | undefined): OpenAiFailureContext {
    return { service: `the server at ${baseUrl.host}`, model, path: url.pathname, hasKey: Boolean(key), redact: (text) => redactSecret(text, key) };
  }

  private headers(key: string | undefined, accept: string): Record<string, string> {
    return { 'content-type': 'application/json', accept, ...(key ? { authorization: `Bearer ${key}` } : {}) };
  }
}

function readFailure(_status: number, body: string): { retryable?: boolean } {
  return { retryable: !isSpentQuota(readOpenAiError(body)) };
}
