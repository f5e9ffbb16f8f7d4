import { groupFindingsByKind } from './finding-kinds.ts';
import type { Finding } from './findings.ts';

/** The SARIF 2.1.0 schema a log names in `$schema`. */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The parts of SARIF 2.1.0 a findings log uses. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        informationUri?: string;
        rules: { id: string; name: string; shortDescription: { text: string } }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: 'error' | 'warning';
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region?: { startLine: number; startColumn?: number };
        };
      }[];
    }[];
  }[];
}

export interface SarifOptions {
  /** `driver.name`, e.g. `Huntbook`. */
  toolName: string;
  informationUri?: string;
  /**
   * A finding's file as a URI relative to the repository root, which code-scanning tools
   * resolve against the checkout (e.g. `rules/a.yaml`).
   */
  toRepositoryUri: (file: string) => string;
}

/** Where code-scanning tools resolve the relative paths: the repository checkout. */
const SOURCE_ROOT = '%SRCROOT%';

/**
 * Findings as a SARIF 2.1.0 log, one rule per kind of finding, so code-scanning tools can
 * annotate the lines of a pull request.
 * @example toSarifLog([finding], { toolName: 'Huntbook', toRepositoryUri: (f) => f }).runs[0].results[0].ruleId // → 'kql-syntax'
 */
export function toSarifLog(findings: readonly Finding[], options: SarifOptions): SarifLog {
  const kinds = groupFindingsByKind(findings);
  const rules = kinds.map((kind) => ({ id: kind.code, name: kind.code, shortDescription: { text: kind.title } }));
  const results = kinds.flatMap((kind, ruleIndex) =>
    kind.findings.map((finding) => ({
      ruleId: kind.code,
      ruleIndex,
      level: finding.severity,
      message: { text: finding.field ? `${finding.field}: ${finding.message}` : finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: options.toRepositoryUri(finding.file), uriBaseId: SOURCE_ROOT },
            ...(finding.line === undefined
              ? {}
              : {
                  region: {
                    startLine: finding.line,
                    ...(finding.column === undefined ? {} : { startColumn: finding.column }),
                  },
                }),
          },
        },
      ],
    })),
  );
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules,
          },
        },
        results,
      },
    ],
  };
}
