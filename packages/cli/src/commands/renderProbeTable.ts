import type { ProbeFindingId, ProbeReport } from '@tokenscope/providers';

/** The table's name for each finding, in the report's order. */
export const PROBE_LABELS: Record<ProbeFindingId, string> = {
  models: 'model list (GET /models)',
  chatLogprobs: 'chat logprobs',
  topLogprobs: 'chat top_logprobs (largest of 20, 5, 1)',
  topLogprobsAbove20: 'chat top_logprobs above 20',
  bytes: 'bytes in chat logprobs',
  streamLogprobs: 'chat stream logprobs',
  completionsLogprobs: 'completions logprobs',
  echo: 'completions echo (prompt logprobs)',
  promptLogprobs: 'prompt_logprobs (vLLM)',
  responsesLogprobs: 'responses logprobs',
  distribution: 'distribution (temperature 0.2 vs 1.5)',
};

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** The result column: the value with it where there is one (`supported (20)`). */
function resultOf(result: string, value: number | undefined): string {
  return value === undefined ? result : `${result} (${value})`;
}

/** The probe report as a plain-text table (capability, result, detail), ending with a newline. */
export function renderProbeTable(report: ProbeReport): string {
  const rows = (Object.keys(PROBE_LABELS) as ProbeFindingId[]).map((id) => {
    const found = report.findings[id];
    return [
      PROBE_LABELS[id],
      resultOf(found.result, found.value),
      found.detail.replace(/\s*\n\s*/g, ' '),
    ] as const;
  });
  const header = ['capability', 'result', 'detail'] as const;
  const widths = [0, 1].map((i) => Math.max(...[header, ...rows].map((row) => [...row[i]!].length)));
  const line = (row: readonly [string, string, string]): string =>
    `${pad(row[0], widths[0]!)}  ${pad(row[1], widths[1]!)}  ${row[2]}`.trimEnd();
  const title = `Probe of ${report.baseURL}, model ${report.model ?? '(none)'}`;
  const footer = `${report.requests.length} requests; --format json shows each one, with the exact error texts.`;
  return `${title}\n\n${[line(header), ...rows.map(line)].join('\n')}\n\n${footer}\n`;
}
