import { resolve } from 'node:path';
import { isEngineError } from '../webview/engine';
import { generateFixtures } from '../scripts/fixtures/generateFixtures';
import { runGenerate } from './generateCommand';
import { parseCommand, USAGE, UsageError } from './parseOptions';

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'generate':
      await runGenerate(command.options);
      return 0;
    case 'fixtures': {
      const written = await generateFixtures(resolve(command.outDir), { seed: command.seed, overrides: command.overrides });
      for (const folder of written) process.stdout.write(`${folder}\n`);
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`inkwell: ${error.message}\n${USAGE}\n`);
    else if (isEngineError(error)) process.stderr.write(`inkwell: ${error.message} [${error.code}]\n`);
    else process.stderr.write(`inkwell: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
