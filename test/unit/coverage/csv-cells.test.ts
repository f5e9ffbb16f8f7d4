import { describe, expect, test } from 'vitest';
import { toCsv, toCsvCell } from '../../../src/coverage/exports.ts';

describe('CSV cells (OWASP CSV injection, RFC 4180)', () => {
  test.each([
    { name: 'equals sign', input: '=cmd|/c calc', expected: "'=cmd|/c calc" },
    { name: 'plus sign', input: '+1+2', expected: "'+1+2" },
    { name: 'minus sign', input: '-2+3', expected: "'-2+3" },
    { name: 'at sign', input: '@SUM(A1)', expected: "'@SUM(A1)" },
    { name: 'tab', input: '\t=1+1', expected: "'\t=1+1" },
    { name: 'carriage return, quoted as well', input: '\r=1+1', expected: `"'\r=1+1"` },
    { name: 'a string that looks like a negative number', input: '-1', expected: "'-1" },
    { name: 'a negative number given as a number', input: -1, expected: '-1' },
    { name: 'a number', input: 3, expected: '3' },
    { name: 'line feed at the start: quoted, no apostrophe', input: '\nx', expected: '"\nx"' },
    { name: 'line feed inside', input: 'line\nbreak', expected: '"line\nbreak"' },
    { name: 'plain text', input: 'AnyDesk', expected: 'AnyDesk' },
    { name: 'empty', input: '', expected: '' },
    { name: 'comma', input: 'A, B', expected: '"A, B"' },
    { name: 'double quotes', input: 'say "hi"', expected: '"say ""hi"""' },
    { name: 'formula with a comma and quotes', input: '=HYPERLINK("x","y")', expected: `"'=HYPERLINK(""x"",""y"")"` },
    { name: 'formula character later in the cell', input: 'a=b', expected: 'a=b' },
    { name: 'leading apostrophe kept as is', input: "'quoted", expected: "'quoted" },
  ])('$name', ({ input, expected }) => {
    expect(toCsvCell(input)).toBe(expected);
  });

  test('rows end in CRLF and every cell is neutralised', () => {
    expect(
      toCsv([
        ['tool', 'note'],
        ['-x', '\ty'],
      ]),
    ).toBe("tool,note\r\n'-x,'\ty\r\n");
  });
});
