import { describe, expect, test } from 'vitest';
import { decodeContentBytes, findInvalidUtf8, findInvalidUtf16 } from '../../../src/loaders/text-decoding.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const join = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? utf8(part) : Buffer.from(part))));
const utf16 = (text: string, endian: 'le' | 'be') => {
  const le = Buffer.from(text, 'utf16le');
  return endian === 'le' ? le : Buffer.from(le).swap16();
};

describe('decodeContentBytes', () => {
  test.each([
    { name: 'valid UTF-8', bytes: utf8('name: Café “x”\n'), text: 'name: Café “x”\n', encoding: 'utf-8', findings: [] },
    {
      name: 'UTF-8 byte-order mark stripped',
      bytes: join([0xef, 0xbb, 0xbf], 'id: 1\n'),
      text: 'id: 1\n',
      encoding: 'utf-8',
      findings: [],
    },
    {
      name: 'UTF-16 LE by its mark',
      bytes: join([0xff, 0xfe], utf16('id: é\n', 'le') as unknown as number[]),
      text: 'id: é\n',
      encoding: 'utf-16le',
      findings: [],
    },
    {
      name: 'UTF-16 BE by its mark',
      bytes: join([0xfe, 0xff], utf16('id: é😀\n', 'be') as unknown as number[]),
      text: 'id: é😀\n',
      encoding: 'utf-16be',
      findings: [],
    },
    {
      name: 'Windows-1252 smart quotes on line 3',
      bytes: join('id: 1\nname: x\nquery: ', [0x93], 'T', [0x94], '\n'),
      text: 'id: 1\nname: x\nquery: \uFFFDT\uFFFD\n',
      encoding: 'utf-8',
      findings: [
        'warning rules/a.yaml:3:8 invalid-encoding: is not valid UTF-8: it holds 2 sequences of bytes that are not characters (all on line 3), the first at line 3, column 8, byte offset 21 (0x93); each shows as "\uFFFD" on the page: save the file as UTF-8 (bytes such as 0x93 and 0xE9 are Windows-1252)',
      ],
    },
    {
      name: 'Windows-1252 é after a UTF-8 mark: the offset counts the mark',
      bytes: join([0xef, 0xbb, 0xbf], 'a: caf', [0xe9], '\nb: ', [0xe9], '\n'),
      text: 'a: caf\uFFFD\nb: \uFFFD\n',
      encoding: 'utf-8',
      findings: [
        'warning rules/a.yaml:1:7 invalid-encoding: is not valid UTF-8: it holds 2 sequences of bytes that are not characters (lines 1–2), the first at line 1, column 7, byte offset 9 (0xE9); each shows as "\uFFFD" on the page: save the file as UTF-8 (bytes such as 0x93 and 0xE9 are Windows-1252)',
      ],
    },
    {
      name: 'multibyte character cut off at the end of the file',
      bytes: join('a: €', [0xe2, 0x82]),
      text: 'a: €\uFFFD',
      encoding: 'utf-8',
      findings: [
        'warning rules/a.yaml:1:5 invalid-encoding: is not valid UTF-8: it holds a sequence of bytes that is not a character at line 1, column 5, byte offset 6 (0xE2); each shows as "\uFFFD" on the page: save the file as UTF-8 (bytes such as 0x93 and 0xE9 are Windows-1252)',
      ],
    },
    {
      name: 'NUL on line 2',
      bytes: join('id: 1\nna', [0], 'me: x\n'),
      text: 'id: 1\nna\uFFFDme: x\n',
      encoding: 'utf-8',
      findings: [
        'warning rules/a.yaml:2:3 nul-character: holds a NUL character at line 2, column 3; read as "\uFFFD": a text file holds no NULs, so the file is damaged or not UTF-8 text',
      ],
    },
    {
      name: 'NULs in UTF-16',
      bytes: join([0xff, 0xfe], utf16('a\n\0b\0', 'le') as unknown as number[]),
      text: 'a\n\uFFFDb\uFFFD',
      encoding: 'utf-16le',
      findings: [
        'warning rules/a.yaml:2:1 nul-character: holds 2 NUL characters, the first at line 2, column 1; read as "\uFFFD": a text file holds no NULs, so the file is damaged or not UTF-8 text',
      ],
    },
    {
      name: 'UTF-16 LE lone surrogate on line 2',
      bytes: join(
        [0xff, 0xfe],
        utf16('a\nb', 'le') as unknown as number[],
        [0x00, 0xd8],
        utf16('c', 'le') as unknown as number[],
      ),
      text: 'a\nb\uFFFDc',
      encoding: 'utf-16le',
      findings: [
        'warning rules/a.yaml:2:2 invalid-encoding: is not valid UTF-16 (little endian): it holds a sequence of bytes that is not a character at line 2, column 2, byte offset 8 (0x00); each shows as "\uFFFD" on the page: save the file as UTF-8',
      ],
    },
  ])('$name', ({ bytes, text, encoding, findings }) => {
    const decoded = decodeContentBytes(bytes, 'rules/a.yaml');
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
    expect(
      decoded.findings.map((f) => `${f.severity} ${f.file}:${f.line}:${f.column} ${f.code}: ${f.message}`),
    ).toEqual(findings);
  });
});

describe('findInvalidUtf8', () => {
  test.each([
    { name: 'ASCII', bytes: [0x61, 0x62], offsets: [] },
    { name: 'two, three and four byte characters', bytes: [...utf8('é€😀')], offsets: [] },
    { name: 'lone continuation byte', bytes: [0x61, 0x80, 0x62], offsets: [1] },
    { name: 'Windows-1252 0x93 0x94', bytes: [0x93, 0x61, 0x94], offsets: [0, 2] },
    { name: 'overlong two-byte slash', bytes: [0xc0, 0xaf], offsets: [0, 1] },
    { name: 'overlong three-byte', bytes: [0xe0, 0x80, 0xaf], offsets: [0, 1, 2] },
    { name: 'encoded high surrogate (CESU-8)', bytes: [0xed, 0xa0, 0x80], offsets: [0, 1, 2] },
    { name: 'encoded low surrogate', bytes: [0xed, 0xbf, 0xbf], offsets: [0, 1, 2] },
    { name: 'past U+10FFFF', bytes: [0xf4, 0x90, 0x80, 0x80], offsets: [0, 1, 2, 3] },
    { name: 'bytes that never start a character', bytes: [0xf5, 0xff, 0xfe], offsets: [0, 1, 2] },
    { name: 'sequence broken by ASCII: the ASCII byte is read again', bytes: [0xe2, 0x82, 0x41], offsets: [0] },
    { name: 'truncated four-byte at the end', bytes: [0x61, 0xf0, 0x9f, 0x98], offsets: [1] },
  ])('$name', ({ bytes, offsets }) => {
    const input = Uint8Array.from(bytes);
    expect(findInvalidUtf8(input)).toEqual(offsets);
    // One offset per replacement character the platform decoder writes.
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(input);
    expect(decoded.split('\uFFFD').length - 1).toBe(offsets.length);
  });

  test('agrees with the platform decoder on random bytes', () => {
    let seed = 17;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 500; round++) {
      const bytes = Uint8Array.from(
        { length: 1 + (random() % 24) },
        () => [0x41, 0x80, 0xbf, 0xc2, 0xe0, 0xed, 0xf0, 0xf4, 0xa0, 0x90][random() % 10] as number,
      );
      const replacements = new TextDecoder().decode(bytes).split('\uFFFD').length - 1;
      expect(findInvalidUtf8(bytes).length, Buffer.from(bytes).toString('hex')).toBe(replacements);
    }
  });
});

describe('findInvalidUtf16', () => {
  test.each([
    { name: 'surrogate pair', bytes: [0x3d, 0xd8, 0x00, 0xde], offsets: [] },
    { name: 'lone low surrogate', bytes: [0x00, 0xde, 0x61, 0x00], offsets: [0] },
    { name: 'high surrogate at the end', bytes: [0x61, 0x00, 0x00, 0xd8], offsets: [2] },
    { name: 'odd last byte', bytes: [0x61, 0x00, 0x62], offsets: [2] },
  ])('$name', ({ bytes, offsets }) => {
    expect(findInvalidUtf16(Uint8Array.from(bytes), 'utf-16le')).toEqual(offsets);
  });
});
