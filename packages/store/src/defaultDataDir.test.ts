import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './defaultDataDir.js';

describe('defaultDataDir', () => {
  const home = '/home/ada';
  it('takes $TOKENSCOPE_DATA_DIR first (relative to the working folder)', () => {
    expect(defaultDataDir({ TOKENSCOPE_DATA_DIR: '/data/ts', XDG_DATA_HOME: '/xdg' }, home)).toBe('/data/ts');
    expect(defaultDataDir({ TOKENSCOPE_DATA_DIR: 'rel/dir' }, home)).toBe(resolve('rel/dir'));
  });
  it('then $XDG_DATA_HOME/tokenscope, when absolute', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, home)).toBe(join('/xdg', 'tokenscope'));
    expect(defaultDataDir({ TOKENSCOPE_DATA_DIR: '', XDG_DATA_HOME: '/xdg' }, home)).toBe('/xdg/tokenscope');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative/xdg' }, home)).toBe('/home/ada/.local/share/tokenscope');
  });
  it('else ~/.local/share/tokenscope', () => {
    expect(defaultDataDir({}, home)).toBe('/home/ada/.local/share/tokenscope');
    expect(defaultDataDir({ XDG_DATA_HOME: '' }, home)).toBe('/home/ada/.local/share/tokenscope');
  });
  it('reads process.env and the home folder by default', () => {
    expect(typeof defaultDataDir()).toBe('string');
  });
});
