export { ANSI_BAND_STYLES, ANSI_MARKER_STYLE, ANSI_SPAN_STYLE } from './ansiStyles.js';
export {
  CONSTRAINT_COLUMNS,
  CONSTRAINT_TITLE,
  constraintCells,
  constraintHeadline,
  constraintSummaryItems,
  forbiddenAlternatives,
} from './describeConstraint.js';
export { escapeControls, quoteText, visibleWhitespace } from './escapeControls.js';
export { escapeHtml, jsonForScript } from './escapeHtml.js';
export { escapeMarkdown, escapeTableCell } from './escapeMarkdown.js';
export { formatEntropy, formatLogprob, formatNumber, formatProbability } from './formatProbability.js';
export type { ClueMarker } from './legend.js';
export { bandRange, CLUE_MARKERS, clueRule, DISCLAIMER, SPAN_MARKS } from './legend.js';
export type { AnsiOptions } from './renderAnsi.js';
export { renderAnsi } from './renderAnsi.js';
export { renderConstraintAnsi } from './renderConstraintAnsi.js';
export { renderConstraintHtml } from './renderConstraintHtml.js';
export { renderConstraintMarkdown } from './renderConstraintMarkdown.js';
export type { HtmlOptions } from './renderHtml.js';
export { renderHtml } from './renderHtml.js';
export type { JsonOptions } from './renderJson.js';
export { renderJson } from './renderJson.js';
export { renderMarkdown, spanMarker } from './renderMarkdown.js';
export type { JsonConstrainedAlternative, JsonConstrainedToken, JsonConstraint } from './toJsonConstraint.js';
export { toJsonConstraint } from './toJsonConstraint.js';
export type { JsonAlternative, JsonReport, JsonToken } from './toJsonReport.js';
export { toJsonReport } from './toJsonReport.js';
export { CONTROL_MARKER_LABEL, controlMarker, controlName, controlNote } from './xray/controlMarker.js';
export { type EndingNote, endingNoteLine, endingNotes } from './xray/endingNotes.js';
export { bandClass, CLUE_CLASS, markerGlyphs, tokenClasses } from './xray/tokenClues.js';
export type { TokenTooltipLines, TooltipRow } from './xray/tokenTooltip.js';
export { TOOLTIP_COLUMNS, tokenTooltip } from './xray/tokenTooltip.js';
export type { XrayPalette, XrayTheme } from './xray/xrayPalette.js';
export { paletteVariables, XRAY_PALETTE } from './xray/xrayPalette.js';
export { xrayTokenCss } from './xray/xrayTokenCss.js';
