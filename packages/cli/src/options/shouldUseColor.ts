/**
 * Decides whether to write ANSI colour, in this order:
 * 1. `--color` / `--no-color` on the command line;
 * 2. `NO_COLOR` set to anything but the empty string turns colour off (https://no-color.org);
 * 3. `FORCE_COLOR` turns it on (`0` or `false` turn it off);
 * 4. otherwise colour when the output is a terminal.
 */
export function shouldUseColor(
  flag: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY;
}
