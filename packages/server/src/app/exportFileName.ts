/**
 * A file name for a run's export, safe in a `Content-Disposition` header and on every file system:
 * the title with accents folded to ASCII, every run of other characters turned into one `-`, at most
 * 80 characters, then the extension. A title with nothing usable gives `tokenscope-run.EXT`.
 */
export function exportFileName(title: string, extension: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 80)
    .replace(/[-._]+$/g, '');
  return `${stem === '' ? 'tokenscope-run' : stem}.${extension}`;
}
