import type { RunningServer } from '@tokenscope/server';
import { describe, expect, it } from 'vitest';
import { listenOnFreePort, PORT_ATTEMPTS } from './listenOnFreePort.js';

const busy = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });

/** A start function whose ports below `free` are taken; it records the ports it was asked for. */
function fakeStart(free: number) {
  const tried: number[] = [];
  const start = async (o: { host?: string; port?: number }): Promise<RunningServer> => {
    tried.push(o.port ?? 0);
    if ((o.port ?? 0) < free) throw busy;
    return { url: `http://127.0.0.1:${o.port}`, close: async () => {} };
  };
  return { start, tried };
}

describe('listenOnFreePort', () => {
  it('tries the next ports when the default one is taken', async () => {
    const { start, tried } = fakeStart(8083);
    const server = await listenOnFreePort(start, { port: 8080 }, false);
    expect(server.url).toBe('http://127.0.0.1:8083');
    expect(tried).toEqual([8080, 8081, 8082, 8083]);
  });

  it('tries only the port that was asked for, and names it', async () => {
    const { start, tried } = fakeStart(9000);
    await expect(listenOnFreePort(start, { host: '0.0.0.0', port: 8090 }, true)).rejects.toThrow(
      'cannot listen on 0.0.0.0 port 8090: in use by another program; pass another --port (0 picks any free port)',
    );
    expect(tried).toEqual([8090]);
  });

  it('names the range it tried when none was free', async () => {
    const { start, tried } = fakeStart(70000);
    await expect(listenOnFreePort(start, { port: 8080 }, false)).rejects.toThrow(
      `cannot listen on 127.0.0.1 port 8080 to ${8080 + PORT_ATTEMPTS - 1}:`,
    );
    expect(tried).toHaveLength(PORT_ATTEMPTS);
  });

  it('passes other errors on at once', async () => {
    const denied = Object.assign(new Error('listen EACCES'), { code: 'EACCES' });
    await expect(
      listenOnFreePort(
        async () => {
          throw denied;
        },
        { port: 80 },
        false,
      ),
    ).rejects.toBe(denied);
  });
});
