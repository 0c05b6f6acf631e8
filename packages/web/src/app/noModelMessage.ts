const FALLBACK = 'Put a .gguf file in ./models, or restart tokenscope with --model PATH.';
const REMOTE = 'Meanwhile, the remote endpoint form below works.';

/**
 * The body of the "No local model found" notice, from the server's `modelHelp` (which is a whole
 * sentence for the terminal: "No local model found (searched A, B). Put …; meanwhile, …"): what was
 * searched, how to get a model, and that the remote form below works, without repeating the title.
 */
export function noModelMessage(help: string | undefined): string {
  let text = (help ?? '').trim().replace(/^no local model found\.?\s*/i, '');
  let searched = '';
  text = text.replace(/^\(searched ([^)]*)\)\.?\s*/i, (_, where: string) => {
    searched = `Searched ${where}. `;
    return '';
  });
  text = text.replace(/[;,.]?\s*meanwhile\b[^.]*\.?\s*$/i, '').trim();
  if (text === '') text = FALLBACK;
  if (!/[.!?]$/.test(text)) text += '.';
  return `${searched}${text} ${REMOTE}`;
}
