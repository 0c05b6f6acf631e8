import { paletteVariables, xrayTokenCss } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { installXrayStyle, XRAY_STYLE } from './xrayStyle.js';

describe('the X-ray style', () => {
  it("is core's palette on .xr-root (dark by data-theme or the system) and core's token classes", () => {
    expect(XRAY_STYLE).toContain(`.xr-root{${paletteVariables('light', 'xr-')}}`);
    expect(XRAY_STYLE).toContain(`:root[data-theme="dark"] .xr-root{${paletteVariables('dark', 'xr-')}}`);
    expect(XRAY_STYLE).toContain(
      `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]) .xr-root{${paletteVariables('dark', 'xr-')}}}`,
    );
    expect(XRAY_STYLE).toContain(xrayTokenCss('xr-'));
  });

  it('is put first in <head>, once', () => {
    const head: Array<{ id: string; textContent: string }> = [];
    const doc = {
      getElementById: (id: string) => head.find((e) => e.id === id) ?? null,
      createElement: () => ({ id: '', textContent: '' }),
      head: { prepend: (e: { id: string; textContent: string }) => head.unshift(e) },
    } as unknown as Document;
    installXrayStyle(doc);
    installXrayStyle(doc);
    expect(head).toEqual([{ id: 'xr-style', textContent: XRAY_STYLE }]);
  });
});
