import {
  analyze,
  escapeMarkdown,
  type RunRecord,
  renderHtml,
  renderMarkdown,
  toJsonReport,
} from '@tokenscope/core';
import { exportFileName } from './exportFileName.js';

/** The formats of `GET /api/runs/:id/export?format=`. */
export const EXPORT_FORMATS = ['html', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A run's export, ready to send as an attachment. */
export interface ExportedRun {
  body: string;
  contentType: string;
  fileName: string;
}

function promptMarkdown(run: RunRecord): string[] {
  const prompt = run.prompt;
  if (prompt === null) return [];
  const quote = (text: string) => escapeMarkdown(text).replace(/^/gm, '> ');
  if (prompt.kind === 'text') return ['## Prompt', '', quote(prompt.text), ''];
  const out = ['## Prompt', ''];
  for (const message of prompt.messages) out.push(`**${message.role}**`, '', quote(message.content), '');
  return out;
}

function runMeta(run: RunRecord): string {
  const parts = [`model ${run.model}`, `source ${run.source}`, `saved ${run.createdAt}`];
  if (run.fileName !== undefined) parts.push(`file ${run.fileName}`);
  return escapeMarkdown(parts.join(' · '));
}

/**
 * Exports a run (its first completion, as the app shows it): `html` is core's self-contained X-ray
 * page, `md` core's Markdown report under the run's title and prompt, `json` core's JSON report
 * (docs/json-format.md) with a `run` object beside it: id, title, tags, times, source, model,
 * endpoint, provider, prompt and parameters. Model text is escaped by the core renderers.
 */
export function exportRun(run: RunRecord, format: ExportFormat): ExportedRun {
  const analysis = analyze(run.response);
  if (format === 'html') {
    return {
      body: renderHtml(analysis, { title: `${run.title} · Tokenscope X-ray` }),
      contentType: 'text/html; charset=utf-8',
      fileName: exportFileName(run.title, 'html'),
    };
  }
  if (format === 'md') {
    const report = renderMarkdown(analysis).replace(/^# Tokenscope report\n/, '');
    const head = [
      `# ${escapeMarkdown(run.title)}`,
      '',
      runMeta(run),
      '',
      ...promptMarkdown(run),
      '## Tokenscope report',
    ];
    return {
      body: `${head.join('\n')}\n${report}`,
      contentType: 'text/markdown; charset=utf-8',
      fileName: exportFileName(run.title, 'md'),
    };
  }
  const { response: _response, summary: _summary, promptTokenIds: _ids, ...rest } = run;
  const report = { ...toJsonReport(analysis), run: rest };
  return {
    body: `${JSON.stringify(report, null, 2)}\n`,
    contentType: 'application/json; charset=utf-8',
    fileName: exportFileName(run.title, 'json'),
  };
}
