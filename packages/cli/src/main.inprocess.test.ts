import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { memoryIo as io } from '../test/memoryIo.js';
import { main } from './main.js';

describe('main (in process)', () => {
  it('asks for a file when stdin is a terminal and none is given', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const t = io({ stdin });
    expect(await main(['analyze'], t.io)).toBe(1);
    expect(t.stderr()).toBe(
      'tokenscope: no input: pass a FILE (tokenscope analyze response.json) or pipe one on stdin\n',
    );
  });

  it('reports an unexpected error on one line with a hint, and its stack with --debug', async () => {
    const stdin = new PassThrough();
    stdin.destroy(new Error('stdin exploded'));
    const plain = io({ stdin });
    expect(await main(['analyze', '-'], plain.io)).toBe(1);
    expect(plain.stderr()).toBe('tokenscope: stdin exploded (run with --debug for details)\n');

    const stdin2 = new PassThrough();
    stdin2.destroy(new Error('stdin exploded'));
    const debug = io({ stdin: stdin2 });
    expect(await main(['--debug', 'analyze', '-'], debug.io)).toBe(1);
    expect(debug.stderr()).toMatch(/^tokenscope: stdin exploded\nError: stdin exploded\n\s+at /);
  });
});
