/**
 * The provider settings (`inkwell.provider`, `inkwell.gemini.*`, `inkwell.openaiCompatible.*`,
 * `inkwell.http.*`), read on every use so that a change applies to the next request. A value
 * of the wrong type falls back to its default.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { CertificateFileError, readCertificateFiles, trustedCertificates } from '../../http/trustedCertificates';
import type { GeminiSettings } from '../gemini/geminiProvider';
import type { OpenAiCompatibleSettings } from '../openaiCompatible/openaiCompatibleProvider';
import type { ProviderId } from '../providerSwitch';
import { remoteError } from '../remote/remoteError';
import type { RemoteNetworkSettings } from '../remote/remoteRequest';

/** A change to any of these may change where text goes. */
export const PROVIDER_SETTING_SECTIONS = ['inkwell.provider', 'inkwell.gemini', 'inkwell.openaiCompatible'] as const;

export const GEMINI_DEFAULT_ENDPOINT = 'https://generativelanguage.googleapis.com/v1beta';

export function readProviderId(): ProviderId {
  const value = vscode.workspace.getConfiguration('inkwell').get('provider');
  return value === 'gemini' || value === 'openai-compatible' ? value : 'local';
}

export function readGeminiSettings(): GeminiSettings {
  const config = vscode.workspace.getConfiguration('inkwell.gemini');
  return { endpoint: text(config.get('endpoint')) || GEMINI_DEFAULT_ENDPOINT, model: text(config.get('model')) || 'gemini-2.5-flash' };
}

export function readOpenAiCompatibleSettings(): OpenAiCompatibleSettings {
  const config = vscode.workspace.getConfiguration('inkwell.openaiCompatible');
  return { baseUrl: text(config.get('baseUrl')) || 'http://localhost:11434', model: text(config.get('model')) };
}

export async function readNetworkSettings(): Promise<RemoteNetworkSettings> {
  const config = vscode.workspace.getConfiguration('inkwell.http');
  const files = (config.get<unknown[]>('caCertificates') ?? []).filter((path): path is string => typeof path === 'string' && path.trim() !== '');
  try {
    return {
      connectTimeoutMs: seconds(config.get('connectTimeoutSeconds'), 10) * 1000,
      idleTimeoutMs: seconds(config.get('idleTimeoutSeconds'), 120) * 1000,
      ca: trustedCertificates(await readCertificateFiles(files.map(expandHome))),
    };
  } catch (error) {
    if (error instanceof CertificateFileError) throw remoteError('bad-settings', `inkwell.http.caCertificates: ${error.message}`);
    throw error;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function seconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}
