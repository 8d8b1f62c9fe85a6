/**
 * Runs one reply through `services.provider`: streams its text to the view in small batches
 * (one message per token would flood the webview at hundreds of tokens a second), and ends with
 * the finished entry: done, stopped, or failed with an error value the view can act on.
 */
import * as vscode from 'vscode';
import type { AssistantEntry, ChatError, HostToChatMessage } from '../../../webview/chat/protocol/chatProtocol';
import { IMAGE_MODEL } from './chatModels';
import { ProviderError, type GenerationProvider, type GenerationSettings, type PromptMessage } from '../../providers/provider';

const DELTA_BATCH_MS = 32;

export interface ReplyJob {
  reply: AssistantEntry;
  messages: PromptMessage[];
  settings: GenerationSettings;
}

export async function runReply(
  provider: GenerationProvider,
  job: ReplyJob,
  post: (message: HostToChatMessage) => void,
  token: vscode.CancellationToken,
): Promise<AssistantEntry> {
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    if (pending) post({ type: 'delta', entryId: job.reply.id, text: pending });
    pending = '';
  };
  try {
    const outcome = await provider.generate(
      { messages: job.messages, settings: job.settings, purpose: 'draft' },
      (delta) => {
        pending += delta;
        timer ??= setTimeout(flush, DELTA_BATCH_MS);
      },
      token,
    );
    return {
      ...job.reply,
      text: outcome.text,
      status: outcome.finishReason === 'aborted' ? 'stopped' : 'done',
      stats: { tokensPerSecond: outcome.tokensPerSecond, timeToFirstTokenMs: outcome.timeToFirstTokenMs, generatedTokens: outcome.generatedTokens },
    };
  } catch (error) {
    return { ...job.reply, status: 'failed', error: toChatError(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function toChatError(error: unknown): ChatError {
  if (!(error instanceof ProviderError)) return { code: 'internal', message: `Inkwell could not reply: ${error instanceof Error ? error.message : String(error)}` };
  if (error.code === 'images-not-supported') return { code: error.code, message: error.message, fix: { kind: 'useModel', ...IMAGE_MODEL } };
  return { code: error.code, message: error.message };
}
