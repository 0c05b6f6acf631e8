import '@tokenscope/core/names'; // names of people, places, ... among the critical facts
import { TokenscopeError } from '@tokenscope/core';
import { withoutCredentials } from '@tokenscope/providers';
import { Command, CommanderError } from 'commander';
import { analyzeCommand } from './commands/analyze.js';
import { appCommand } from './commands/app.js';
import { askCommand } from './commands/ask.js';
import { batchCommand } from './commands/batch/batchCommand.js';
import { calibrateCommand } from './commands/calibrate.js';
import { classifyCommand } from './commands/classify/classifyCommand.js';
import { completionCommand } from './commands/completion/completionCommand.js';
import { exportCommand } from './commands/export.js';
import { gateCommand } from './commands/gate.js';
import { probeCommand } from './commands/probe.js';
import { proxyCommand } from './commands/proxy.js';
import { reportCommand } from './commands/report.js';
import { rerankCommand } from './commands/rerank.js';
import { scoreCommand } from './commands/score.js';
import { serveCommand } from './commands/serve.js';
import { type CliIo, processIo } from './io/CliIo.js';
import { packageVersion } from './io/packageVersion.js';
import { addColorOptionsEverywhere } from './options/colorOptions.js';

/** Exit code of a usage error or any failure. */
export const EXIT_FAILURE = 1;

/** Builds the `tokenscope` program. Nothing in it calls `process.exit`: errors are thrown to `main`. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('tokenscope')
    .description("An X-ray of a language model's token probabilities (logprobs).")
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print stack traces of errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // main() prints errors itself, as one line.
      outputError: () => {},
    });
  program.addCommand(appCommand(io).copyInheritedSettings(program));
  program.addCommand(analyzeCommand(io, setExitCode).copyInheritedSettings(program));
  program.addCommand(askCommand(io, setExitCode).copyInheritedSettings(program));
  program.addCommand(batchCommand(io, setExitCode).copyInheritedSettings(program));
  program.addCommand(gateCommand(io, setExitCode).copyInheritedSettings(program));
  program.addCommand(calibrateCommand(io).copyInheritedSettings(program));
  program.addCommand(reportCommand(io).copyInheritedSettings(program));
  program.addCommand(exportCommand(io).copyInheritedSettings(program));
  program.addCommand(classifyCommand(io, setExitCode).copyInheritedSettings(program));
  program.addCommand(rerankCommand(io).copyInheritedSettings(program));
  program.addCommand(scoreCommand(io, setExitCode).copyInheritedSettings(program));
  program.addCommand(serveCommand(io).copyInheritedSettings(program));
  program.addCommand(probeCommand(io).copyInheritedSettings(program));
  program.addCommand(proxyCommand(io).copyInheritedSettings(program));
  program.addCommand(completionCommand(io).copyInheritedSettings(program));
  // --color / --no-color on every command, one definition (commands without colour accept them)
  addColorOptionsEverywhere(program);
  return program;
}

/** Options of the program itself; anything else before a command name goes to `app`. */
const PROGRAM_OPTIONS = new Set(['-h', '--help', '-V', '--version']);

/**
 * No command: the web app on the default model (the README's first command), so `tokenscope` and
 * `tokenscope --port 9000 --no-open` both start it. `--debug` may precede any command.
 */
export function withDefaultCommand(argv: string[]): string[] {
  const first = argv.find((arg) => arg !== '--debug');
  if (first === undefined) return [...argv, 'app'];
  if (first.startsWith('-') && !PROGRAM_OPTIONS.has(first)) return ['app', ...argv];
  return argv;
}

/** Entry point of the `tokenscope` command. Returns the process exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(withDefaultCommand(argv), { from: 'user' });
    return exitCode;
  } catch (error) {
    const options = argv.indexOf('--') === -1 ? argv : argv.slice(0, argv.indexOf('--'));
    return reportError(error, io, program.opts().debug === true || options.includes('--debug'));
  }
}

/** Prints one line for the error (and its stack with `--debug`); returns the exit code. */
function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version "errors" carry exit code 0; their text is already written.
    if (error.exitCode === 0) return 0;
    // commander repeats a refused value: a URL's user:key@ and query (?key=...) are never printed
    io.stderr.write(`tokenscope: ${withoutCredentials(oneLine(error.message.replace(/^error: /, '')))}\n`);
    if (debug) io.stderr.write(`${withoutCredentials(error.stack ?? '')}\n`);
    return EXIT_FAILURE;
  }
  if (error instanceof TokenscopeError) {
    io.stderr.write(`tokenscope: ${oneLine(error.message)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`tokenscope: ${oneLine(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
  }
  // A stack repeats messages and arguments: a URL's user:key@ and query are never printed there either.
  if (debug) io.stderr.write(`${withoutCredentials(stackOf(error))}\n`);
  return EXIT_FAILURE;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function stackOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? '' : `\nCaused by: ${stackOf(error.cause)}`;
  return `${error.stack ?? `${error.name}: ${error.message}`}${cause}`;
}
