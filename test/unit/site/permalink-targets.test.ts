import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PERMALINK_TARGETS_FILE, toPermalinkTargets } from '../../../src/site/permalink-targets.ts';
import {
  readPermalinkTargets,
  removePermalinkTargets,
  writePermalinkTargets,
} from '../../../src/site/permalink-targets-fs.ts';
import { createRoutes } from '../../../src/site/routes.ts';

const PDQ = { id: '58cbbe97-f835-4677-9bee-203b1df29600', name: 'PDQ', slug: 'pdq' };
const ANYDESK = { id: '0a1b2c3d-0000-4000-8000-000000000001', name: 'AnyDesk', slug: 'anydesk' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'permalink-targets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('toPermalinkTargets', () => {
  test('points every rule id at its page under the base, sorted by id', () => {
    expect(toPermalinkTargets([PDQ, ANYDESK], createRoutes('/soc/wiki/'))).toEqual([
      { id: ANYDESK.id, name: 'AnyDesk', path: '/soc/wiki/rules/anydesk/' },
      { id: PDQ.id, name: 'PDQ', path: '/soc/wiki/rules/pdq/' },
    ]);
  });

  test("carries a rule's alert display-name format, and leaves it out where there is none", () => {
    const format = 'AnyDesk on {{DeviceName}}';
    const [anydesk, pdq] = toPermalinkTargets([PDQ, { ...ANYDESK, alertNameFormat: format }], createRoutes('/'));
    expect(anydesk).toEqual({ id: ANYDESK.id, name: 'AnyDesk', format, path: '/rules/anydesk/' });
    expect(pdq).not.toHaveProperty('format');
  });

  test('a base without its trailing slash gives the same paths as the pages link', () => {
    expect(toPermalinkTargets([PDQ], createRoutes('/soc/wiki'))[0]?.path).toBe('/soc/wiki/rules/pdq/');
    expect(toPermalinkTargets([PDQ], createRoutes('/'))[0]?.path).toBe('/rules/pdq/');
  });
});

describe('toPermalinkTargets with ids that are not one per rule', () => {
  test('an id of several rules is one target listing them, the first file first', () => {
    const copy = { ...PDQ, key: `${PDQ.id}-1c2d3e4f`, name: 'PDQ copy', slug: 'pdq-copy', file: 'Solutions/pdq.yaml' };
    const first = { ...PDQ, key: PDQ.id, file: 'Detections/pdq.yaml' };
    expect(toPermalinkTargets([copy, ANYDESK, first], createRoutes('/'))).toEqual([
      { id: ANYDESK.id, name: 'AnyDesk', path: '/rules/anydesk/' },
      {
        id: PDQ.id,
        name: 'PDQ',
        path: '/rules/pdq/',
        rules: [
          { name: 'PDQ', path: '/rules/pdq/', file: 'Detections/pdq.yaml' },
          { name: 'PDQ copy', path: '/rules/pdq-copy/', file: 'Solutions/pdq.yaml' },
        ],
      },
    ]);
  });

  test('an id that is not a GUID keeps its link; one that cannot be a folder name has none', () => {
    const targets = toPermalinkTargets(
      [
        { id: 'pdq-network-1', name: 'PDQ', slug: 'pdq' },
        { id: 'pdq network/1', name: 'Bad', slug: 'bad' },
      ],
      createRoutes('/'),
    );
    expect(targets).toEqual([{ id: 'pdq-network-1', name: 'PDQ', path: '/rules/pdq/' }]);
  });
});

describe('the hand-off file', () => {
  test('reads back what the model wrote', () => {
    const targets = toPermalinkTargets([PDQ, ANYDESK], createRoutes('/'));
    writePermalinkTargets(join(dir, 'cache'), targets);
    expect(readPermalinkTargets(join(dir, 'cache'))).toEqual(targets);
  });

  test('a build that never built the model finds no list, not the last build’s', () => {
    writePermalinkTargets(dir, toPermalinkTargets([PDQ], createRoutes('/')));
    removePermalinkTargets(dir);
    expect(() => readPermalinkTargets(dir)).toThrow(/permalink-targets\.json is missing: the site model was not built/);
  });

  test('a file that holds no list is an error', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, PERMALINK_TARGETS_FILE), '{}');
    expect(() => readPermalinkTargets(dir)).toThrow(/holds no list of permanent links/);
  });
});
