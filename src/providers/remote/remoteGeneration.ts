/**
 * The part of a remote generation every protocol shares: send, read the answer (server-sent
 * events, or one JSON body), hand each text delta on, keep the timings, and end in one of the
 * three ways the GenerationProvider contract allows: an outcome, an 'aborted' outcome with what
 * arrived before the cancel, or a ProviderError that says what went wrong.
 */
import type * as vscode from 'vscode';
import type { HttpResponse } from '../../http/httpExchange';
import { NetworkError } from '../../http/networkError';
import type { Answer, FailedAnswer } from '../../http/sendWithRetries';
import { SseDecoder } from '../../http/sseDecoder';
import type { GenerationOutcome, ProviderError } from '../provider';
import { abortSignalFor } from './cancellationSignal';
import { asProviderError, malformedStream, streamCut } from './remoteError';
import type { RemoteLog } from './remoteRequest';

/** What one event (or the whole JSON body) contributed. */
export interface ResponseStep {
  text?: string;
  finish?: 'eos' | 'length';
  usage?: { promptTokens: number; generatedTokens: number };
  /** The protocol's explicit end marker (`[DONE]`): stop reading. */
  done?: boolean;
}

export interface ResponseProtocol {
  framing: 'sse' | 'json';
  /** Reads one event's data (or the body); throws a ProviderError for an error event or bad JSON. */
  read(data: string): ResponseStep;
  /** Whether a stream that ended here ended properly (a finish reason or end marker was seen). */
  isComplete(seen: { finish?: string; done: boolean }): boolean;
}

export interface RemoteGeneration {
  /** "the Gemini API at generativelanguage.googleapis.com": used in messages. */
  service: string;
  log: RemoteLog;
  send(signal: AbortSignal): Promise<Answer>;
  failure(answer: FailedAnswer): ProviderError;
  protocol: ResponseProtocol;
}

export async function runRemoteGeneration(
  generation: RemoteGeneration,
  onDelta: (delta: string) => void,
  token: vscode.CancellationToken,
): Promise<GenerationOutcome> {
  const { signal, dispose } = abortSignalFor(token);
  const tally = new Tally();
  let response: HttpResponse | undefined;
  try {
    const answer = await generation.send(signal);
    if (!answer.ok) throw generation.failure(answer.failure);
    response = answer.response;
    const seen = { finish: undefined as ResponseStep['finish'], done: false };
    const apply = (step: ResponseStep) => {
      if (step.text) {
        tally.text(step.text);
        onDelta(step.text);
      }
      if (step.usage) tally.usage = step.usage;
      if (step.finish) seen.finish = step.finish;
      if (step.done) seen.done = true;
    };
    const type = String(response.headers['content-type'] ?? '');
    if (generation.protocol.framing === 'sse' && type !== '' && !type.includes('event-stream')) {
      throw malformedStream(generation.service, `it answered with ${type.split(';')[0]} instead of an event stream`);
    }
    if (generation.protocol.framing === 'json') {
      apply(generation.protocol.read(await response.text(16 << 20)));
    } else {
      await readEvents(response, generation.protocol, apply, () => seen.done);
    }
    if (!seen.done && signal.aborted) return tally.outcome('aborted');
    if (!generation.protocol.isComplete(seen)) throw streamCut(generation.service);
    return tally.outcome(seen.finish ?? 'eos');
  } catch (error) {
    if (signal.aborted) return tally.outcome('aborted');
    const failure = asProviderError(error, generation.service);
    generation.log.warn(`${failure.code}: ${failure.message}`);
    throw failure;
  } finally {
    // Anything but a fully read response (a cancel, an error event, bad JSON) closes the
    // connection, so the server stops generating for nobody.
    response?.close();
    dispose();
  }
}

async function readEvents(response: HttpResponse, protocol: ResponseProtocol, apply: (step: ResponseStep) => void, done: () => boolean): Promise<void> {
  const decoder = new SseDecoder();
  for await (const chunk of response.chunks()) {
    for (const event of decoder.push(chunk)) {
      apply(protocol.read(event.data));
      if (done()) return;
    }
  }
  const end = decoder.end();
  for (const event of end.events) apply(protocol.read(event.data));
  if (end.truncated && !done()) throw new NetworkError('connection-lost', 'The stream ended inside an event.');
}

/** Text, timings and token counts of one generation. */
class Tally {
  usage: ResponseStep['usage'];
  private readonly startedAt = performance.now();
  private firstTextAt: number | undefined;
  private produced = '';
  private pieces = 0;

  text(delta: string): void {
    this.firstTextAt ??= performance.now();
    this.produced += delta;
    this.pieces++;
  }

  outcome(finishReason: GenerationOutcome['finishReason']): GenerationOutcome {
    const now = performance.now();
    // Servers that report no usage (or a cancel before it came) send about one token per event.
    const generatedTokens = this.usage?.generatedTokens ?? this.pieces;
    const writingSeconds = this.firstTextAt === undefined ? 0 : (now - this.firstTextAt) / 1000;
    return {
      text: this.produced,
      finishReason,
      promptTokens: this.usage?.promptTokens ?? 0,
      generatedTokens,
      tokensPerSecond: writingSeconds > 0 ? generatedTokens / writingSeconds : 0,
      timeToFirstTokenMs: this.firstTextAt === undefined ? 0 : Math.round(this.firstTextAt - this.startedAt),
    };
  }
}
