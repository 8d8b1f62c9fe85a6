import { parseArgs } from 'node:util';

export type CliCommand =
  | { kind: 'generate'; options: GenerateCliOptions }
  | { kind: 'fixtures'; outDir: string; seed?: number; overrides: Record<string, string> }
  | { kind: 'help' };

export interface GenerateCliOptions {
  model: string;
  dtype: 'fp32' | 'fp16' | 'q4' | 'q4f16';
  images: string[];
  device: 'wasm' | 'webgpu';
  maxNewTokens: number;
  temperature: number;
  topK: number;
  topP: number;
  seed?: number;
  system?: string;
  raw: boolean;
  json: boolean;
  prompt: string;
}

export const USAGE = `Usage:
  inkwell generate --model DIR [--dtype fp32|q4|fp16|q4f16] [--image FILE]... [--device wasm|webgpu]
                   [--max-new-tokens N] [--temperature T] [--top-k K] [--top-p P] [--seed S]
                   [--system TEXT] [--raw] [--json] PROMPT
  inkwell fixtures OUTDIR [--seed N] [--set key=value ...]`;

export class UsageError extends Error {}

export function parseCommand(argv: string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === 'generate') return { kind: 'generate', options: parseGenerate(rest) };
  if (command === 'fixtures') return parseFixtures(rest);
  if (command === undefined || command === '--help' || command === 'help') return { kind: 'help' };
  throw new UsageError(`Unknown command "${command}".`);
}

function parseGenerate(args: string[]): GenerateCliOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      dtype: { type: 'string', default: 'fp32' },
      image: { type: 'string', multiple: true, default: [] },
      device: { type: 'string', default: 'wasm' },
      'max-new-tokens': { type: 'string', default: '128' },
      temperature: { type: 'string', default: '0' },
      'top-k': { type: 'string', default: '0' },
      'top-p': { type: 'string', default: '1' },
      seed: { type: 'string' },
      system: { type: 'string' },
      raw: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.model) throw new UsageError('--model DIR is required.');
  if (positionals.length === 0) throw new UsageError('A PROMPT is required.');
  return {
    model: values.model,
    dtype: oneOf(values.dtype, ['fp32', 'fp16', 'q4', 'q4f16'] as const, '--dtype'),
    images: values.image,
    device: oneOf(values.device, ['wasm', 'webgpu'] as const, '--device'),
    maxNewTokens: integer(values['max-new-tokens'], '--max-new-tokens'),
    temperature: number(values.temperature, '--temperature'),
    topK: integer(values['top-k'], '--top-k'),
    topP: number(values['top-p'], '--top-p'),
    seed: values.seed === undefined ? undefined : integer(values.seed, '--seed'),
    system: values.system,
    raw: values.raw,
    json: values.json,
    prompt: positionals.join(' '),
  };
}

function parseFixtures(args: string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { seed: { type: 'string' }, set: { type: 'string', multiple: true, default: [] } },
  });
  if (positionals.length !== 1) throw new UsageError('fixtures needs exactly one OUTDIR.');
  const overrides: Record<string, string> = {};
  for (const pair of values.set) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects key=value, got "${pair}".`);
    overrides[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    kind: 'fixtures',
    outDir: positionals[0],
    seed: values.seed === undefined ? undefined : integer(values.seed, '--seed'),
    overrides,
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
}

function number(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`${flag} must be a number; got "${value}".`);
  return n;
}

function integer(value: string, flag: string): number {
  const n = number(value, flag);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number ≥ 0; got "${value}".`);
  return n;
}
