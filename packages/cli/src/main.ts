/** Entry point of the `tokenscope` command. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`tokenscope ${argv.join(' ')}\n`);
  return 0;
}
