import { describe, expect, it } from 'vitest';
import { escapeControls, quoteText, visibleWhitespace } from './escapeControls.js';

describe('escapeControls', () => {
  it('turns every control character into visible text', () => {
    expect(escapeControls('a\u001b[2Jb')).toBe('a\\e[2Jb');
    expect(escapeControls('\r\u0007\u009b\u202e')).toBe('\\r\\x07\\x9b\\u202e');
    expect(escapeControls('x\ny\tz')).toBe('x\ny\tz');
    expect(escapeControls('x\ny', { newline: false })).toBe('x\\ny');
  });

  it('quotes and shows whitespace', () => {
    expect(quoteText(' D')).toBe('" D"');
    expect(quoteText('a"b\\\n')).toBe('"a\\"b\\\\\\n"');
    expect(visibleWhitespace(' a\tb\n')).toBe('␣a→b↵');
    expect(visibleWhitespace('')).toBe('∅');
  });
});
