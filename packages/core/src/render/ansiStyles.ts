import type { Band } from '../analysis/Thresholds.js';

/**
 * SGR parameters per band. Green is a mid-tone foreground that reads on dark and light terminals;
 * the other bands are dark text on a background that grows more alarming, so green and lime differ
 * at a glance on any theme.
 */
export const ANSI_BAND_STYLES: Record<Band, string> = {
  green: '38;5;34',
  lime: '38;5;16;48;5;193',
  yellow: '38;5;16;48;5;221',
  orange: '38;5;16;48;5;208',
  red: '1;38;5;231;48;5;160',
};

/** Added to a token's style when it is inside a low-confidence span (colour mode). */
export const ANSI_SPAN_STYLE = '4';
/** Style of clue markers (colour mode): bold magenta, visible on any band. */
export const ANSI_MARKER_STYLE = '1;38;5;163';
/** Style of a warning line (colour mode): bold, in the orange of the alarming bands. */
export const ANSI_WARNING_STYLE = '1;38;5;208';
/** Style of a control-token marker such as `⟨eot_id⟩` (colour mode): dim grey. */
export const ANSI_CONTROL_STYLE = '2;38;5;245';
