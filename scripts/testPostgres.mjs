#!/usr/bin/env node
/**
 * Starts a throwaway PostgreSQL server for tests: its own data folder under the temp folder, trust
 * authentication, listening on 127.0.0.1 only, on a free port, with an empty `tokenscope_test` database.
 *
 *   node scripts/testPostgres.mjs start      prints `url=postgres://USER@127.0.0.1:PORT/tokenscope_test`
 *                                            and `dir=/tmp/tokenscope-pg-XXXXXX`; the server keeps running
 *   node scripts/testPostgres.mjs stop DIR   stops that server and removes its folder
 *
 * Plain Node ESM with no dependencies, so CI can run it before anything is built. Needs the server
 * binaries (Debian: `apt-get install postgresql`): `initdb`, `pg_ctl` and `createdb` on PATH or in the
 * newest /usr/lib/postgresql/VERSION/bin. initdb and pg_ctl refuse to run as root, so under root they
 * run as the `postgres` system user that Debian's package creates (else `nobody`), which owns the folder.
 *
 * Not for real data: anyone on this machine can connect to the port as the superuser (trust), and
 * fsync is off.
 */
import { execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const TEST_DATABASE = 'tokenscope_test';
const NOT_FOUND =
  "PostgreSQL server binaries not found: install Debian's postgresql package (apt-get install postgresql) " +
  'or set TOKENSCOPE_TEST_DATABASE_URL to a server of yours';

/** The folder holding initdb, pg_ctl and createdb: initdb's real folder if on PATH, else Debian's newest. */
export function findPostgresBin() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const initdb = join(dir, 'initdb');
    // Follow symlinks (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) to find its siblings.
    if (dir && existsSync(initdb)) return checked(dirname(realpathSync(initdb)));
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error(NOT_FOUND);
  return checked(join(root, newest, 'bin'));
}

function checked(bin) {
  const missing = ['initdb', 'pg_ctl', 'createdb'].filter((name) => !existsSync(join(bin, name)));
  if (missing.length > 0) throw new Error(`${NOT_FOUND} (${bin} has no ${missing.join(', ')})`);
  return bin;
}

/** Runs a command, as `user` when this process is root (server binaries refuse root); returns stdout. */
function run(command, args, user) {
  const [file, argv] =
    user === undefined ? [command, args] : ['runuser', ['-u', user, '--', command, ...args]];
  try {
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim();
    throw new Error(`${[command, ...args].join(' ')} failed: ${stderr || error.message}`);
  }
}

/** The user the server runs as: this process's user, or a system user when this process is root. */
function serverUser() {
  if (process.getuid?.() !== 0) return { name: undefined, urlName: run('id', ['-un']).trim() };
  for (const name of ['postgres', 'nobody']) {
    try {
      run('id', ['-u', name]);
      return { name, urlName: name };
    } catch {
      // Not on this machine: try the next.
    }
  }
  throw new Error(
    'running as root, and neither the postgres nor the nobody user exists to run PostgreSQL as',
  );
}

/** A free TCP port on 127.0.0.1: bind port 0, note what the kernel chose, let it go. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server; `stop()` stops it and removes its folder. */
export async function startTestPostgres() {
  const bin = findPostgresBin();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'tokenscope-pg-'));
  try {
    if (user.name !== undefined) {
      chownSync(dir, Number(run('id', ['-u', user.name])), Number(run('id', ['-g', user.name])));
    }
    // --no-sync and the C locale: faster, and independent of the locales this machine has generated.
    run(join(bin, 'initdb'), ['-D', dir, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user.name);
    // Only TCP connections from this machine, no password (trust): a throwaway server for tests.
    writeFileSync(join(dir, 'pg_hba.conf'), 'host all all 127.0.0.1/32 trust\n');
    const port = await startOnFreePort(bin, dir, user.name);
    run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user.urlName, TEST_DATABASE]);
    const url = `postgres://${user.urlName}@127.0.0.1:${port}/${TEST_DATABASE}`;
    return { url, dir, stop: async () => stopTestPostgres(dir) };
  } catch (error) {
    stopTestPostgres(dir);
    throw error;
  }
}

/** pg_ctl start on a free port; retried because another process may take the port before the server does. */
async function startOnFreePort(bin, dir, user) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // -k: the Unix socket goes in the data folder (the default folder may not be writable by this user).
    // fsync=off: a crash loses data, which does not matter for a throwaway test server and saves time.
    const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
    try {
      run(
        join(bin, 'pg_ctl'),
        ['-D', dir, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start'],
        user,
      );
      return port;
    } catch (error) {
      const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
      if (attempt < 3 && log.includes('could not bind')) continue;
      throw new Error(`${error.message}\nserver log (${join(dir, 'server.log')}):\n${log.slice(-2000)}`);
    }
  }
}

/** Stops the server in `dir` (if one runs) and removes the folder. Synchronous, so exit handlers can call it. */
export function stopTestPostgres(dir) {
  // A guard against `stop /`: this removes the folder recursively.
  if (!basename(dir).startsWith('tokenscope-pg-')) throw new Error(`not a test server's folder: ${dir}`);
  try {
    if (existsSync(join(dir, 'postmaster.pid'))) {
      // As the folder's owner: pg_ctl refuses root. Immediate: no checkpoint, the data is thrown away.
      const owner =
        process.getuid?.() === 0 ? run('id', ['-nu', String(statSync(dir).uid)]).trim() : undefined;
      run(join(findPostgresBin(), 'pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop'], owner);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main([command, dir]) {
  if (command === 'start') {
    const server = await startTestPostgres();
    process.stdout.write(`url=${server.url}\ndir=${server.dir}\n`);
  } else if (command === 'stop' && dir !== undefined) {
    stopTestPostgres(dir);
  } else {
    throw new Error('usage: node scripts/testPostgres.mjs start | stop DIR');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
