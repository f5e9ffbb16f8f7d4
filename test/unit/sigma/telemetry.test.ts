import { expect, test } from 'vitest';
import { TELEMETRY_KINDS } from '../../../src/model/telemetry.ts';
import { type SigmaLogsource, toSigmaTelemetry } from '../../../src/sigma/index.ts';

const cases: { logsource: SigmaLogsource; expected: { id: string; label: string } | undefined }[] = [
  {
    logsource: { category: 'process_creation', product: 'windows' },
    expected: { id: 'process', label: 'Process creation' },
  },
  { logsource: { category: 'network_connection' }, expected: { id: 'network', label: 'Network connection' } },
  { logsource: { category: 'dns_query' }, expected: { id: 'dns', label: 'DNS' } },
  { logsource: { category: 'dns' }, expected: { id: 'dns', label: 'DNS' } },
  { logsource: { category: 'file_event' }, expected: { id: 'file', label: 'File events' } },
  { logsource: { category: 'file_delete' }, expected: { id: 'file', label: 'File events' } },
  { logsource: { category: 'registry_set' }, expected: { id: 'registry', label: 'Registry' } },
  { logsource: { category: 'registry_event' }, expected: { id: 'registry', label: 'Registry' } },
  { logsource: { category: 'image_load' }, expected: { id: 'image-load', label: 'Image load' } },
  { logsource: { category: 'antivirus' }, expected: { id: 'antivirus', label: 'Antivirus' } },
  { logsource: { category: 'Process_Creation' }, expected: { id: 'process', label: 'Process creation' } },
  {
    logsource: { product: 'windows', service: 'security' },
    expected: { id: 'windows-security', label: 'Windows security' },
  },
  { logsource: {}, expected: undefined },
];

test.each(cases)('$logsource', ({ logsource, expected }) => {
  expect(toSigmaTelemetry(logsource)).toEqual(expected);
});

test('the kinds it names are the model’s kinds', () => {
  const ids = new Set(TELEMETRY_KINDS.map((kind) => kind.id));
  for (const category of ['process_creation', 'network_connection', 'dns_query', 'file_event', 'registry_add']) {
    expect(ids).toContain(toSigmaTelemetry({ category })?.id);
  }
});
