import type { Random } from './random.ts';
import type { RuleDraft } from './rules.ts';
import { quote } from './yaml-text.ts';

const FALSE_POSITIVES = [
  {
    scenario: 'The service desk uses {tool} to help a user who called in with a problem.',
    description: 'Sessions are short and match a ticket in the ITSM system.',
    exclusion:
      'Exclude sessions that start within 15 minutes of a ticket assigned to the service desk for the same device.',
  },
  {
    scenario: 'An administrator rolls out an update of the {tool} agent to every workstation.',
    exclusion:
      'Exclude events whose initiating process is the software distribution agent (ccmexec.exe or the Intune management extension).',
  },
  {
    scenario: 'A managed service provider with a signed contract maintains the servers with {tool}.',
    description: 'The provider connects from a fixed set of addresses listed in the contract.',
    exclusion: "Exclude connections from the provider's published address ranges.",
  },
  {
    scenario: 'A developer evaluates {tool} on a lab machine.',
    exclusion: 'Exclude devices in the Lab device group.',
  },
  {
    scenario: 'A vulnerability scanner fetches the {tool} download page while inventorying software.',
    exclusion: 'Exclude the scanner appliances by device name.',
  },
  {
    scenario: "A user joins a vendor support session over {tool} at the vendor's request.",
    description: 'The user can name the vendor and the case number.',
    exclusion: 'None: confirm with the user and close the alert with the case number.',
  },
  {
    scenario: 'An unattended kiosk is managed with {tool} by the facilities team.',
    exclusion: 'Exclude the kiosk devices by device tag.',
  },
];

const TRIAGE_STEPS = [
  'Confirm whether {tool} is sanctioned for this device and user; check the software allow-list.',
  'Find how it arrived: look for the installer in DeviceFileEvents around the first sighting.',
  'Check who was logged on and whether the session came from inside office hours.',
  'Look for other remote-access tools on the same device within the last 30 days.',
  'If the tool is not sanctioned, isolate the device and collect an investigation package.',
  "Note the session id and remote address; they tie the activity to the vendor's logs.",
];

function formatTemplate(template: string, tool: string): string {
  return template.replaceAll('{tool}', tool);
}

export function toRunbookText(random: Random, rule: RuleDraft): string {
  const toolName = rule.tool?.tool.name ?? 'the remote-access tool';
  const frontmatter = [`rule: ${rule.id}`];
  if (rule.tool && random.chance(0.4)) frontmatter.push(`tool: ${rule.tool.tool.id}`);
  frontmatter.push(
    `hypothesis: ${quote(`An adversary uses ${toolName} as a remote access channel for command and control or persistence, and the ${rule.label.toLowerCase()} evidence shows it.`)}`,
    'falsePositives:',
  );
  for (const entry of random.sample(FALSE_POSITIVES, random.int(1, 5))) {
    frontmatter.push(`  - scenario: ${quote(formatTemplate(entry.scenario, toolName))}`);
    if (entry.description && random.chance(0.6)) frontmatter.push(`    description: ${quote(entry.description)}`);
    frontmatter.push(`    exclusion: ${quote(entry.exclusion)}`);
  }
  const steps = random
    .sample(TRIAGE_STEPS, random.int(2, 5))
    .map((step, index) => `${index + 1}. ${formatTemplate(step, toolName)}`);
  const body = ['## Triage', '', ...steps, ''];
  if (random.chance(0.5)) {
    body.push(
      '## Data sources',
      '',
      ...rule.tables.map((table) => `- \`${table}\`: make sure the connector is enabled and the table receives data.`),
      '',
    );
  }
  if (random.chance(0.3))
    body.push('## Escalation', '', 'Hand over to incident response when the tool is **not** on the allow-list.', '');
  return `---\n${frontmatter.join('\n')}\n---\n\n${body.join('\n')}`;
}
