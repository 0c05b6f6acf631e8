import { basename } from 'node:path';
import { analyze } from '@tokenscope/core';
import { Command } from 'commander';
import type { CliIo } from '../io/CliIo.js';
import { readResponse } from '../io/readResponse.js';
import {
  addGateOptions,
  addOutputOptions,
  addThresholdOptions,
  analysisOptions,
  emitReport,
  type ReportOptions,
  reportFormatOption,
} from '../options/reportOptions.js';
import {
  addParseOptions,
  addSourceOptions,
  inputSource,
  parseRequest,
  type ResponseInputOptions,
} from '../options/responseInput.js';

export { EXIT_GATE_FAILED } from '../options/reportOptions.js';
export { DEFAULT_MAX_BYTES } from '../options/responseInput.js';

/** The options of `analyze`, as commander parses them. */
interface AnalyzeOptions extends ReportOptions, ResponseInputOptions {
  lenient?: boolean;
}

/** Builds `tokenscope analyze`. `setExitCode` receives 2 when the gate fails. */
export function analyzeCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const command = new Command('analyze')
    .description("Show how confident the model was in each token of a saved response's logprobs.")
    .argument('[file]', 'saved response: JSON, JSON lines or SSE; "-" or none reads stdin')
    .addOption(reportFormatOption());
  addParseOptions(addThresholdOptions(addSourceOptions(command)));
  command.option(
    '--lenient',
    'analyse impossible logprobs (top-k probabilities summing above 1, a logprob unlike its own top-k entry) with a warning in the report instead of failing',
  );
  addGateOptions(addOutputOptions(command));
  return command.action(async (file: string | undefined, options: AnalyzeOptions) => {
    const source = inputSource(file, io, 'analyze response.json');
    const request = { ...parseRequest(options), ...(options.lenient === true && { lenient: true }) };
    const response = await readResponse(source, request);
    const analysis = analyze(response, { choice: options.choice, ...analysisOptions(options) });
    await emitReport(analysis, options, {
      io,
      setExitCode,
      title: source.kind === 'file' ? `Tokenscope: ${basename(source.path)}` : 'Tokenscope',
    });
  });
}
