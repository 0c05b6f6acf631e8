import { type Analysis, renderAnsi, renderHtml, renderJson, renderMarkdown } from '@tokenscope/core';

/** Report formats of `analyze --format`. */
export const REPORT_FORMATS = ['ansi', 'html', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  color: boolean;
  width: number;
  pretty: boolean;
  title: string;
}

/** Renders the analysis in the chosen format, always ending with a newline. */
export function renderReport(analysis: Analysis, format: ReportFormat, options: ReportOptions): string {
  let text: string;
  switch (format) {
    case 'ansi':
      text = renderAnsi(analysis, { color: options.color, width: options.width, summary: true });
      break;
    case 'html':
      text = renderHtml(analysis, { title: options.title });
      break;
    case 'md':
      text = renderMarkdown(analysis);
      break;
    case 'json':
      text = renderJson(analysis, { pretty: options.pretty });
      break;
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
