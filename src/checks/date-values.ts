/**
 * Dates in content are text, shown as written: YAML is read without its timestamp type
 * (src/loaders/yaml-schema.ts), because that type turns `2024-13-45` into a Date of 2025-02-14
 * without a word. This module says which written dates are not real ones.
 *
 * Read as dates: `YYYY-MM-DD` (month and day may have one digit, as YAML 1.1 allows), with an
 * optional time after `T` or spaces (`HH:MM`, seconds and fractions optional) and an optional
 * zone (`Z`, `+02:00`, `-0500`); `YYYY/MM/DD`, as Sigma rules write it; and `MM/DD/YYYY`, month
 * first, as some Sentinel rules write it.
 */
import type { Finding } from './findings.ts';
import type { FieldLocator } from './zod-findings.ts';

const TIME = String.raw`(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[ \t]*(?:Z|[+-](\d{1,2})(?::?(\d{2}))?))?)?`;
const ISO_DATE_RE = new RegExp(String.raw`^(\d{4})([-/])(\d{1,2})\2(\d{1,2})${TIME}$`);
const US_DATE_RE = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);

/** Field names that hold a date: `date`, `lastUpdatedDateUTC`, `createdDateUtc`, `modified`, `reviewed`. */
const DATE_FIELD_RE = /date(?:utc)?$|^(?:last)?(?:modified|created|reviewed|updated)$/i;

export type DateReading =
  /** Not written as a date; fine unless the field's name says it holds one. */
  | { kind: 'not-a-date' }
  | { kind: 'date' }
  /** Written as a date, but no such day or time exists. */
  | { kind: 'not-real'; reason: string };

/**
 * Reads a value written as a date and says whether that day (and time) exists.
 * @example readDateText('2024-02-29') // → { kind: 'date' }
 * @example readDateText('2024-13-45') // → { kind: 'not-real', reason: 'there is no month 13' }
 */
export function readDateText(text: string): DateReading {
  const iso = ISO_DATE_RE.exec(text.trim());
  const us = iso ? undefined : US_DATE_RE.exec(text.trim());
  const match = iso ?? us;
  if (!match) return { kind: 'not-a-date' };
  const [year, month, day] = iso
    ? [Number(match[1]), Number(match[3]), Number(match[4])]
    : [Number(match[3]), Number(match[1]), Number(match[2])];
  const [hour = 0, minute = 0, second = 0, zoneHour = 0, zoneMinute = 0] = match
    .slice(iso ? 5 : 4, iso ? 10 : 9)
    .map((part) => Number(part ?? 0));
  const reason =
    month < 1 || month > 12
      ? `there is no month ${month}`
      : day < 1 || day > daysInMonth(year, month)
        ? `${toMonthName(month)} ${year} has no day ${day}`
        : hour > 23 || minute > 59 || second > 59
          ? 'there is no such time of day'
          : zoneHour > 23 || zoneMinute > 59
            ? 'there is no such time zone offset'
            : undefined;
  return reason ? { kind: 'not-real', reason } : { kind: 'date' };
}

/** True for a field whose name says it holds a date. @example isDateField('lastUpdatedDateUTC') // → true */
export function isDateField(key: string): boolean {
  return DATE_FIELD_RE.test(key);
}

/**
 * Warnings for dates that do not exist, anywhere in a file's data: a value written as a date
 * (whatever its field) must be a real one, and a field named as a date must hold one.
 * @example checkDates({ lastUpdatedDateUTC: '2024-13-45' }, { file: 'rules/a.yaml', locate })
 *   // → [{ severity: 'warning', field: 'lastUpdatedDateUTC', code: 'invalid-date', message: '"2024-13-45" is not a real date: there is no month 13; shown as written' }]
 */
export function checkDates(data: unknown, context: { file: string; locate: FieldLocator }): Finding[] {
  const findings: Finding[] = [];
  walk(data, [], (value, path) => {
    const key = path.at(-1);
    const named = typeof key === 'string' && isDateField(key);
    if (typeof value !== 'string' && !(named && typeof value === 'number')) return;
    const text = String(value);
    const reading = readDateText(text);
    let problem: string | undefined;
    if (reading.kind === 'not-real') problem = `is not a real date: ${reading.reason}`;
    else if (reading.kind === 'not-a-date' && named && text.trim() !== '') {
      problem = 'is not a date: write it as YYYY-MM-DD (a time may follow, e.g. 2024-05-01T10:00:00Z)';
    }
    if (!problem) return;
    findings.push({
      severity: 'warning',
      file: context.file,
      ...context.locate(path),
      field: path.join('.'),
      code: 'invalid-date',
      message: `${JSON.stringify(text)} ${problem}; shown as written`,
    });
  });
  return findings;
}

function walk(value: unknown, path: (string | number)[], visit: (value: unknown, path: (string | number)[]) => void) {
  if (value === null || typeof value !== 'object') {
    visit(value, path);
    return;
  }
  const items = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of items) walk(item, [...path, key], visit);
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
}

function toMonthName(month: number): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
}
