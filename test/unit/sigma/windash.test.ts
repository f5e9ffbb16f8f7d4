import { expect, test } from 'vitest';
import { expandWindash } from '../../../src/sigma/windash.ts';

const cases: { value: string; expected: string[] | undefined }[] = [
  { value: '-enc', expected: ['-enc', '/enc', '\u2013enc', '\u2014enc', '\u2015enc'] },
  { value: ' /silent', expected: [' -silent', ' /silent', ' \u2013silent', ' \u2014silent', ' \u2015silent'] },
  { value: 'set-config', expected: ['set-config'] },
  { value: 'a/b', expected: ['a/b'] },
  { value: 'C:/Temp', expected: ['C:-Temp', 'C:/Temp', 'C:\u2013Temp', 'C:\u2014Temp', 'C:\u2015Temp'] },
  {
    value: '-a -b',
    expected: ['-a', '/a', '\u2013a', '\u2014a', '\u2015a'].flatMap((first) =>
      ['-b', '/b', '\u2013b', '\u2014b', '\u2015b'].map((second) => `${first} ${second}`),
    ),
  },
  { value: '-a -b -c -d', expected: undefined },
];

test.each(cases)('$value', ({ value, expected }) => {
  expect(expandWindash(value)).toEqual(expected);
});
