import { describe, expect, it } from 'vitest';
import { formatSize } from './formatSize.js';

describe('formatSize', () => {
  it('uses bytes, then binary units with one decimal when not whole', () => {
    expect(formatSize(0)).toBe('0 bytes');
    expect(formatSize(1023)).toBe('1023 bytes');
    expect(formatSize(1024)).toBe('1 KiB');
    expect(formatSize(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatSize(100 * 1024 * 1024 + 93)).toBe('100.0 MiB');
    expect(formatSize(1.5 * 1024 ** 3)).toBe('1.5 GiB');
  });
});
