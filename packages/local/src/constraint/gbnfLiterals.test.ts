import { describe, expect, it } from 'vitest';
import { gbnfLiterals } from './gbnfLiterals.js';

describe('gbnfLiterals', () => {
  it('reads every quoted literal, escapes resolved, skipping comments and character classes', () => {
    const grammar = [
      '# a comment with "not a literal"',
      'root ::= "yes" | "no\\"pe" | item+ # trailing "comment"',
      'item ::= [^"\\]] "\\x23tag" "\\u00e9t\\u00E9" "a\\\\b\\n"',
    ].join('\n');
    expect(gbnfLiterals(grammar)).toEqual(['yes', 'no"pe', '#tag', 'été', 'a\\b\n']);
  });

  it('gives nothing for a grammar of character classes only, and ignores empty literals', () => {
    expect(gbnfLiterals('root ::= [a-z]+ ""')).toEqual([]);
  });
});
