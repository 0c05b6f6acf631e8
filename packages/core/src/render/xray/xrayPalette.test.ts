import { describe, expect, it } from 'vitest';
import { BANDS, CLUES } from '../../analysis/Thresholds.js';
import { CLUE_CLASS } from './tokenClues.js';
import { paletteVariables, XRAY_PALETTE } from './xrayPalette.js';
import { xrayTokenCss } from './xrayTokenCss.js';

describe('the X-ray palette', () => {
  it('has the same colours in both themes, each a CSS colour', () => {
    expect(Object.keys(XRAY_PALETTE.dark)).toEqual(Object.keys(XRAY_PALETTE.light));
    for (const theme of [XRAY_PALETTE.light, XRAY_PALETTE.dark])
      for (const colour of Object.values(theme)) expect(colour).toMatch(/^(#[0-9a-f]{3,6}|rgba\([\d.,]+\))$/);
    expect(XRAY_PALETTE.light.green).toBe('#bdeec4');
  });

  it('becomes CSS custom properties with a prefix', () => {
    const light = paletteVariables('light', 'xr-');
    expect(light.startsWith('--xr-bg:#fdfdfc;--xr-fg:#1d1f21;')).toBe(true);
    expect(light).toContain('--xr-chart-green:#2ca02c;');
    expect(paletteVariables('dark')).toContain('--green:#1e4d2b;');
    expect(light.split(';').filter(Boolean)).toHaveLength(Object.keys(XRAY_PALETTE.light).length);
  });
});

describe('xrayTokenCss', () => {
  it('styles every band and clue class from palette variables of the same prefix', () => {
    const css = xrayTokenCss('xr-');
    for (const b of BANDS) expect(css).toContain(`.xr-b-${b}{background:var(--xr-${b})`);
    for (const c of CLUES)
      expect(css).toMatch(new RegExp(`\\.xr-${CLUE_CLASS[c]}\\{(text-decoration|border-bottom)`));
    expect(css).toContain('.xr-mk{');
    const used = [...css.matchAll(/var\(--xr-([a-z0-9-]+)\)/g)].map((m) => m[1]!);
    for (const name of used) expect(Object.keys(XRAY_PALETTE.light)).toContain(name);
    expect(xrayTokenCss()).toContain('.b-red{background:var(--red);color:var(--redfg)}');
  });
});
