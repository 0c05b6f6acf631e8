/**
 * Vitest globalSetup: gives the PostgreSQL tests a server in TOKENSCOPE_TEST_DATABASE_URL.
 *
 * If TOKENSCOPE_TEST_DATABASE_URL is set (CI starts one server in .ci/run; a developer may point it at
 * their own server), it is used as is. Otherwise a throwaway server is started here and stopped after
 * the run. Without either it throws: PostgreSQL tests must fail loudly, never skip silently.
 *
 * How the URL reaches the tests: globalSetup runs in Vitest's main process before any test worker is
 * started, and Vitest 4 starts its workers (forks or threads) with the main process's environment, so
 * setting process.env here is enough; processes that tests spawn inherit it too.
 */
import { startTestPostgres, stopTestPostgres } from './testPostgres.mjs';

const VARIABLE = 'TOKENSCOPE_TEST_DATABASE_URL';

export default async function setup() {
  if (process.env[VARIABLE]) return undefined;
  const server = await startTestPostgres();
  process.env[VARIABLE] = server.url;
  // A safety net if Vitest exits without calling the teardown (the stop is synchronous, as 'exit' needs).
  const onExit = () => stopTestPostgres(server.dir);
  process.once('exit', onExit);
  return async () => {
    process.off('exit', onExit);
    delete process.env[VARIABLE];
    await server.stop();
  };
}
