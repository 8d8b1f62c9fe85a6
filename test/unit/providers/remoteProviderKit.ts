/**
 * Builders for the remote provider tests: providers wired to a fake server with fast retries,
 * requests with text and images, and a way to run a generation and keep everything it did.
 */
import type * as vscode from 'vscode';
import { GeminiProvider, type GeminiSettings } from '../../../src/providers/gemini/geminiProvider';
import { OpenAiCompatibleProvider, type OpenAiCompatibleSettings } from '../../../src/providers/openaiCompatible/openaiCompatibleProvider';
import { ProviderError, type GenerationOutcome, type GenerationProvider, type GenerationRequest, type PromptMessage } from '../../../src/providers/provider';
import type { RemoteProviderDeps } from '../../../src/providers/remote/remoteProviderDeps';
import { aCancellationSource, aRecordingLogger, type RecordingLogger } from '../../builders/fakeEngineWebview';
import { encodePng, solidImage } from '../../builders/testImages';

export const GEMINI_KEY = 'AIzaSy-test-key-0123456789abcdef';
export const OPENAI_KEY = 'sk-test-0123456789abcdefghijklmn';

type Deps<S> = RemoteProviderDeps<S> & { log: RecordingLogger };

function depsFor<S>(settings: S, apiKey: string | undefined, overrides: Omit<Partial<RemoteProviderDeps<S>>, 'apiKey'>): Deps<S> {
  return {
    settings: () => settings,
    network: async () => ({ connectTimeoutMs: 2_000, idleTimeoutMs: 2_000 }),
    apiKey: async () => apiKey,
    log: aRecordingLogger(),
    // Real backoff would make the retry tests slow; Retry-After from the server is still honoured.
    retryPolicy: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 5_000 },
    ...overrides,
  } as Deps<S>;
}

export function aGeminiProvider(endpoint: string, overrides: Omit<Partial<RemoteProviderDeps<GeminiSettings>>, 'apiKey'> & { model?: string; apiKey?: string | null } = {}) {
  const { model = 'gemini-2.5-flash', apiKey = GEMINI_KEY, ...rest } = overrides;
  const deps = depsFor<GeminiSettings>({ endpoint, model }, apiKey ?? undefined, rest);
  return { provider: new GeminiProvider(deps), log: deps.log };
}

export function anOpenAiProvider(baseUrl: string, overrides: Omit<Partial<RemoteProviderDeps<OpenAiCompatibleSettings>>, 'apiKey'> & { model?: string; apiKey?: string } = {}) {
  const { model = 'llama3.2-vision:11b', apiKey, ...rest } = overrides;
  const deps = depsFor<OpenAiCompatibleSettings>({ baseUrl, model }, apiKey, rest);
  return { provider: new OpenAiCompatibleProvider(deps), log: deps.log };
}

export const PNG_BYTES = new Uint8Array(encodePng(solidImage(2, 2, [200, 30, 30])));

export function aRequest(messages: PromptMessage[], overrides: Partial<GenerationRequest> = {}): GenerationRequest {
  return {
    messages,
    settings: { maxNewTokens: 64, temperature: 0.7, topP: 0.9, topK: 40, stop: ['\n\n'] },
    purpose: 'draft',
    ...overrides,
  };
}

export const aUserText = (text: string): PromptMessage => ({ role: 'user', content: [{ type: 'text', text }] });
export const aSystemText = (text: string): PromptMessage => ({ role: 'system', content: [{ type: 'text', text }] });
export const aUserImage = (text: string): PromptMessage => ({
  role: 'user',
  content: [
    { type: 'image', bytes: PNG_BYTES, mimeType: 'image/png' },
    { type: 'text', text },
  ],
});

export interface Run {
  deltas: string[];
  outcome?: GenerationOutcome;
  error?: ProviderError;
}

/** Generates and keeps the deltas and how it ended; `cancelAfterDeltas` cancels once that many arrived. */
export async function run(provider: GenerationProvider, request: GenerationRequest, options: { cancelAfterDeltas?: number } = {}): Promise<Run> {
  const source = aCancellationSource();
  const deltas: string[] = [];
  const onDelta = (delta: string) => {
    deltas.push(delta);
    if (deltas.length === options.cancelAfterDeltas) source.cancel();
  };
  try {
    return { deltas, outcome: await provider.generate(request, onDelta, source.token as unknown as vscode.CancellationToken) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { deltas, error };
  }
}
