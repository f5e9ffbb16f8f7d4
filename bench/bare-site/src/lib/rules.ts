import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

/** A rule as the bare site shows it: the three fields of its page. */
export interface BareRule {
  slug: string;
  name: string;
  description: string;
  query: string;
}

/**
 * Reads every rule file of the folder named by BARE_SITE_RULES, with js-yaml and nothing else:
 * no repairs, findings, ATT&CK or tool matching, which is what the bare site measures against.
 */
export function readBareRules(): BareRule[] {
  const dir = process.env.BARE_SITE_RULES;
  if (!dir) throw new Error('BARE_SITE_RULES must name the folder of rule files');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const data = yaml.load(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
      return {
        slug: name.replace(/\.yaml$/, ''),
        name: String(data.name ?? name),
        description: String(data.description ?? ''),
        query: String(data.query ?? ''),
      };
    });
}
