import {
  analyze,
  consistencySection,
  escapeMarkdown,
  isSamplingOnly,
  type RunRecord,
  renderConsistencyHtml,
  renderConsistencyMarkdown,
  renderHtml,
  renderMarkdown,
  toJsonConsistency,
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
 * endpoint, provider, prompt and parameters. A run with a sampling-consistency result adds its view:
 * under the X-ray (html), as a section (md), as `consistency` (json, with its label); a run made from
 * samples only (no logprobs) has that view alone, and its JSON no token report. Model text is
 * escaped by the core renderers.
 */
export function exportRun(run: RunRecord, format: ExportFormat): ExportedRun {
  const consistency = run.consistency;
  const samplesOnly = isSamplingOnly(run);
  const analysis = samplesOnly ? undefined : analyze(run.response);
  if (format === 'html') {
    const body =
      analysis === undefined
        ? renderConsistencyHtml(consistency!, {
            title: `${run.title} · Tokenscope consistency`,
            model: run.model,
          })
        : renderHtml(analysis, {
            title: `${run.title} · Tokenscope X-ray`,
            ...(consistency === undefined
              ? {}
              : {
                  sections: [
                    (({ html, css, script }) => ({
                      html: `<h2>Sampling consistency</h2>${html}`,
                      css,
                      script,
                    }))(consistencySection(consistency)),
                  ],
                }),
          });
    return { body, contentType: 'text/html; charset=utf-8', fileName: exportFileName(run.title, 'html') };
  }
  if (format === 'md') {
    const head = [`# ${escapeMarkdown(run.title)}`, '', runMeta(run), '', ...promptMarkdown(run)];
    const parts: string[] = [];
    if (analysis !== undefined) {
      parts.push(`## Tokenscope report\n${renderMarkdown(analysis).replace(/^# Tokenscope report\n/, '')}`);
    }
    if (consistency !== undefined) {
      // One level down: the consistency report's sections under its own heading.
      parts.push(renderConsistencyMarkdown(consistency).replace(/^(#+) /gm, '#$1 '));
    }
    return {
      body: `${head.join('\n')}\n${parts.join('\n')}`,
      contentType: 'text/markdown; charset=utf-8',
      fileName: exportFileName(run.title, 'md'),
    };
  }
  const {
    response: _response,
    summary: _summary,
    promptTokenIds: _ids,
    consistency: _consistency,
    ...rest
  } = run;
  const report = {
    ...(analysis === undefined ? {} : toJsonReport(analysis)),
    ...(consistency === undefined ? {} : { consistency: toJsonConsistency(consistency) }),
    run: rest,
  };
  return {
    body: `${JSON.stringify(report, null, 2)}\n`,
    contentType: 'application/json; charset=utf-8',
    fileName: exportFileName(run.title, 'json'),
  };
}
