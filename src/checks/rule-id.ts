import { GUID_RE } from '../schemas/guid.ts';
import { hasPermalink } from '../schemas/rule-id.ts';
import type { Finding } from './findings.ts';
import type { FieldLocator } from './zod-findings.ts';

const GUID_LENGTH = 36;
/** Hexadecimal digits and dashes: an id meant as a GUID, where its length tells the typo. */
const GUID_LIKE_RE = /^[0-9a-f-]+$/;

/**
 * A rule id that is not a GUID is published, with a warning saying so and what becomes of its
 * permanent link: `/r/<id>/` with the id as written, or none when the id cannot be a folder name.
 * @example checkRuleId('pdq-1', 'rules/a.yaml', locate) // → [{ severity: 'warning', field: 'id', message: 'is not a GUID … (got "pdq-1"); published, with the permanent link /r/pdq-1/' }]
 */
export function checkRuleId(id: string, file: string, locate: FieldLocator): Finding[] {
  if (GUID_RE.test(id)) return [];
  const length =
    GUID_LIKE_RE.test(id) && id.length !== GUID_LENGTH
      ? `, ${id.length} characters where a GUID has ${GUID_LENGTH}`
      : '';
  const outcome = hasPermalink(id)
    ? `published, with the permanent link /r/${id}/`
    : 'published without a permanent link: the id cannot be a folder name';
  return [
    {
      severity: 'warning',
      code: 'id-not-guid',
      file,
      ...locate(['id']),
      field: 'id',
      message: `is not a GUID (expected 8-4-4-4-12 hexadecimal digits) (got ${JSON.stringify(id)}${length}); ${outcome}`,
    },
  ];
}
