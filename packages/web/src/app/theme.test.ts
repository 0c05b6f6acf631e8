import { describe, expect, it } from 'vitest';
import { loadTheme, resolveTheme } from './theme';

describe('theme', () => {
  it('reads a stored choice and defaults to system', () => {
    expect(loadTheme({ getItem: () => 'dark' })).toBe('dark');
    expect(loadTheme({ getItem: () => 'purple' })).toBe('system');
    expect(loadTheme({ getItem: () => null })).toBe('system');
    expect(
      loadTheme({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('system');
  });

  it('resolves system from the OS preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });
});
