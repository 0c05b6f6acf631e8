import { BANDS, CLUES, type Clue } from '../../analysis/Thresholds.js';
import { bandClass, CLUE_CLASS } from './tokenClues.js';

/** How each clue's class marks a token; `v` names a palette colour as a CSS variable. */
const CLUE_CSS: Readonly<Record<Clue, (v: (colour: string) => string) => string>> = {
  'low-confidence': (v) => `text-decoration:underline wavy ${v('mark')};text-underline-offset:4px`,
  ambiguous: (v) => `border-bottom:2px dotted ${v('fg')}`,
  'not-top': (v) => `text-decoration:underline double ${v('mark')};text-underline-offset:3px`,
};

/**
 * The CSS of what `tokenClasses` gives a token, for every X-ray view: the band backgrounds, the clue
 * underlines, the clue glyphs (`mk`), special tokens and control-token markers (`ctl`). Classes and palette variables carry `prefix`
 * (`xr-`: `.xr-b-green{background:var(--xr-green)}`); the variables come from `paletteVariables`.
 */
export function xrayTokenCss(prefix = ''): string {
  const v = (colour: string) => `var(--${prefix}${colour})`;
  const cls = (name: string) => `.${prefix}${name}`;
  const rules = BANDS.map(
    (b) => `${cls(bandClass(b))}{background:${v(b)}${b === 'red' ? `;color:${v('redfg')}` : ''}}`,
  );
  for (const c of CLUES) rules.push(`${cls(CLUE_CLASS[c])}{${CLUE_CSS[c](v)}}`);
  rules.push(
    `${cls(CLUE_CLASS['low-confidence'])}${cls(CLUE_CLASS['not-top'])}{text-decoration-style:wavy}`,
    `${cls('mk')}{font-size:.85em;vertical-align:super;line-height:0;color:${v('mark')};font-weight:700;margin-left:1px}`,
    `${cls('special')}{font-style:italic;opacity:.8}`,
    `${cls('ctl')}{font-size:.75em;font-family:ui-monospace,monospace;opacity:.75;border:1px dotted currentColor;border-radius:3px;padding:0 2px;margin:0 1px}`,
  );
  return rules.join('\n');
}
