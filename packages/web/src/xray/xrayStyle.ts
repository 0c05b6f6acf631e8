import { paletteVariables, xrayTokenCss } from '@tokenscope/core';

/**
 * The X-ray's palette and token classes (bands, clue underlines, glyphs) as CSS, from the core, which
 * the HTML report uses too: the palette's variables (`--xr-*`) on `.xr-root`, its dark theme when
 * `data-theme="dark"` is on <html> or the system prefers dark (data-theme="light" wins over it).
 */
export const XRAY_STYLE = [
  `.xr-root{${paletteVariables('light', 'xr-')}}`,
  `:root[data-theme="dark"] .xr-root{${paletteVariables('dark', 'xr-')}}`,
  `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]) .xr-root{${paletteVariables('dark', 'xr-')}}}`,
  xrayTokenCss('xr-'),
].join('\n');

/**
 * Puts `XRAY_STYLE` in the document once, first in <head>: xray.css comes later, so where its rules
 * and these weigh the same (a span's dashed border over the ambiguous dotted one), xray.css wins.
 */
export function installXrayStyle(doc: Document): void {
  if (doc.getElementById('xr-style')) return;
  const style = doc.createElement('style');
  style.id = 'xr-style';
  style.textContent = XRAY_STYLE;
  doc.head.prepend(style);
}
