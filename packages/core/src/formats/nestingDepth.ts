/**
 * How deep arrays and objects may nest in an input value. Real responses nest about ten levels; the
 * walks over input (the JSON error scanner, Gemini's key conversion) recurse once per level, so a
 * limit keeps a hostile input from exhausting the stack.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * The deepest nesting of `[` and `{` in JSON text (brackets inside strings do not count; a closing
 * bracket without an opening one is ignored). Works on broken or cut-off text; never recurses.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i);
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

/** Index of the quote that closes the string opening at `open` (the text's length when none does). */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}

/**
 * Whether a parsed value nests arrays and objects deeper than `limit` levels. Iterative (never
 * recurses), and stops as soon as it knows, so it is safe on any value.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
