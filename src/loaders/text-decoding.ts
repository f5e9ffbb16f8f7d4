/**
 * Turns a content file's bytes into text, saying what was wrong with them. Files are UTF-8; a
 * byte-order mark marks UTF-16 (little or big endian), which Windows editors still write. Bytes
 * that are not UTF-8 (a file saved as Windows-1252, a truncated character) are decoded to U+FFFD
 * as every browser would, and a warning names where the first one sits, so the author sees why
 * the page shows "�" instead of a smart quote. A NUL is replaced by U+FFFD too, as CommonMark
 * does, so one stray byte does not keep the rest of the file from being read; YAML rejects it
 * and would otherwise report it at the start of the file, not where it is.
 */
import type { Finding } from '../checks/findings.ts';
import { toLineAndColumn } from './text-position.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  /** The text without its byte-order mark; NULs replaced by U+FFFD. */
  text: string;
  encoding: TextEncoding;
  findings: Finding[];
}

/** A place in the file: 0-based byte offset (after the mark), 1-based line and column (in characters of the decoded line). */
interface BadSpot {
  offset: number;
  line: number;
  column: number;
}

const REPLACEMENT = '\uFFFD';

/**
 * Decodes a content file by its byte-order mark (UTF-8 when there is none).
 * @example decodeContentBytes(Uint8Array.of(0x61, 0x3a, 0x20, 0x93, 0x62, 0x94), 'rules/a.yaml').text // → 'a: \uFFFDb\uFFFD'
 */
export function decodeContentBytes(bytes: Uint8Array, file: string): DecodedText {
  const encoding = detectEncoding(bytes);
  const markLength = encoding === 'utf-8' ? (hasUtf8Bom(bytes) ? 3 : 0) : 2;
  const body = bytes.subarray(markLength);
  const findings: Finding[] = [];
  // ignoreBOM: the mark is already cut off; a second one is text, kept as written.
  const decoded = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body);
  const bad = encoding === 'utf-8' ? findInvalidUtf8(body) : findInvalidUtf16(body, encoding);
  if (bad.length > 0) findings.push(invalidBytesFinding(file, encoding, body, decoded, bad, markLength));
  const nuls = findNuls(decoded);
  if (nuls.length > 0) findings.push(nulFinding(file, decoded, nuls));
  return { text: nuls.length > 0 ? decoded.replaceAll('\0', REPLACEMENT) : decoded, encoding, findings };
}

/**
 * The encoding a byte-order mark names, UTF-8 without one.
 * @example detectEncoding(Uint8Array.of(0xff, 0xfe, 0x61, 0)) // → 'utf-16le'
 */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Byte offsets where the UTF-8 decoder writes U+FFFD, one per replacement: the WHATWG decoder's
 * rules (a sequence broken off is one error at its first byte, and the byte that broke it is
 * read again), so the count matches the replacements in the decoded text.
 * @example findInvalidUtf8(Uint8Array.of(0x61, 0xe9, 0x62)) // → [1]
 */
export function findInvalidUtf8(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const sequence = describeLeadByte(lead);
    if (!sequence) {
      offsets.push(index);
      index++;
      continue;
    }
    let next = index + 1;
    let { low, high } = sequence;
    let complete = true;
    for (let left = sequence.continuations; left > 0; left--, next++) {
      const byte = bytes[next];
      if (byte === undefined || byte < low || byte > high) {
        complete = false;
        break;
      }
      low = 0x80;
      high = 0xbf;
    }
    if (!complete) offsets.push(index);
    index = next;
  }
  return offsets;
}

/** How many continuation bytes a lead byte takes and the range of the first (no overlongs, no surrogates, nothing past U+10FFFF). */
function describeLeadByte(lead: number): { continuations: number; low: number; high: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { continuations: 1, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { continuations: 2, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { continuations: 2, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { continuations: 2, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { continuations: 3, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { continuations: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { continuations: 3, low: 0x80, high: 0x8f };
  return undefined;
}

/**
 * Byte offsets of UTF-16 code units the decoder replaces: lone surrogates, and an odd last byte.
 * @example findInvalidUtf16(Uint8Array.of(0x00, 0xd8, 0x61, 0x00), 'utf-16le') // → [0]
 */
export function findInvalidUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): number[] {
  const offsets: number[] = [];
  const unitAt = (offset: number) =>
    encoding === 'utf-16le'
      ? (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8)
      : ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
  const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
  const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
  let offset = 0;
  for (; offset + 1 < bytes.length; offset += 2) {
    const unit = unitAt(offset);
    if (isHigh(unit) && offset + 3 < bytes.length && isLow(unitAt(offset + 2))) offset += 2;
    else if (isHigh(unit) || isLow(unit)) offsets.push(offset);
  }
  if (offset < bytes.length) offsets.push(offset);
  return offsets;
}

function findNuls(text: string): number[] {
  const indexes: number[] = [];
  for (let index = text.indexOf('\0'); index !== -1; index = text.indexOf('\0', index + 1)) indexes.push(index);
  return indexes;
}

/**
 * Places a bad byte offset in the decoded text. The decoder restarts cleanly at every bad
 * offset, so the bytes before it decode to exactly the characters before its U+FFFD.
 */
function placeBadByte(body: Uint8Array, decoded: string, offset: number, encoding: TextEncoding): BadSpot {
  const before = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body.subarray(0, offset));
  return { offset, ...toLineAndColumn(decoded, before.length) };
}

function invalidBytesFinding(
  file: string,
  encoding: TextEncoding,
  body: Uint8Array,
  decoded: string,
  offsets: readonly number[],
  markLength: number,
): Finding {
  const first = placeBadByte(body, decoded, offsets[0] as number, encoding);
  const name = encoding === 'utf-8' ? 'UTF-8' : `UTF-16 (${encoding === 'utf-16le' ? 'little' : 'big'} endian)`;
  const shownByte = `0x${(body[first.offset] as number).toString(16).padStart(2, '0').toUpperCase()}`;
  let count = 'a sequence of bytes that is not a character';
  if (offsets.length > 1) {
    const last = placeBadByte(body, decoded, offsets[offsets.length - 1] as number, encoding);
    const lines = last.line === first.line ? `all on line ${first.line}` : `lines ${first.line}–${last.line}`;
    count = `${offsets.length} sequences of bytes that are not characters (${lines}), the first`;
  }
  const hint =
    encoding === 'utf-8'
      ? 'save the file as UTF-8 (bytes such as 0x93 and 0xE9 are Windows-1252)'
      : 'save the file as UTF-8';
  return {
    severity: 'warning',
    file,
    line: first.line,
    column: first.column,
    code: 'invalid-encoding',
    message: `is not valid ${name}: it holds ${count} at line ${first.line}, column ${first.column}, byte offset ${first.offset + markLength} (${shownByte}); each shows as "${REPLACEMENT}" on the page: ${hint}`,
  };
}

function nulFinding(file: string, text: string, indexes: readonly number[]): Finding {
  const first = toLineAndColumn(text, indexes[0] as number);
  const more = indexes.length === 1 ? 'a NUL character' : `${indexes.length} NUL characters, the first`;
  return {
    severity: 'warning',
    file,
    line: first.line,
    column: first.column,
    code: 'nul-character',
    message: `holds ${more} at line ${first.line}, column ${first.column}; read as "${REPLACEMENT}": a text file holds no NULs, so the file is damaged or not UTF-8 text`,
  };
}
