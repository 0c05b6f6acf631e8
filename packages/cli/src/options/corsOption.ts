import { checkCorsOrigins } from '@tokenscope/server';
import { InvalidArgumentError, Option } from 'commander';

/** One more `--cors` value: checked (an origin or `*`) and added to those before it. */
function collectOrigin(value: string, previous: string[] | undefined): string[] {
  try {
    return [...(previous ?? []), ...checkCorsOrigins([value])];
  } catch (error) {
    throw new InvalidArgumentError(`${(error as Error).message.replace(/^invalid cors: e/, 'E')}.`);
  }
}

/** `--cors <origin>` (repeatable): web pages of that origin may call `what` from a browser. */
export function corsOption(what: string): Option {
  return new Option(
    '--cors <origin>',
    `let web pages of this origin (e.g. http://localhost:5173, or * for any) call ${what} from a browser; repeat for several (default: none, other pages are refused)`,
  ).argParser(collectOrigin);
}
