import {
  headerComments,
  padInstallers,
  padRelays,
  type QueryContext,
  type QueryDraft,
  quoted,
  timeFilter,
  toolDomains,
  toolProcesses,
} from './query-draft.ts';
import { literal } from './yaml-text.ts';

const FIREWALL_VENDORS = [
  { vendor: 'Palo Alto Networks', connector: 'PaloAltoNetworks' },
  { vendor: 'Fortinet', connector: 'Fortinet' },
  { vendor: 'Zscaler', connector: 'Zscaler' },
  { vendor: 'Check Point', connector: 'CefAma' },
];

export function draftDns(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const domains = toolDomains(tool);
  const time = timeFilter(context);
  const before = [
    ...headerComments(context),
    ...time.lets,
    'DnsEvents',
    time.where,
    "| where SubType == 'LookupQuery'",
    '| where Name has_any (',
  ];
  const after = [
    ')',
    '| summarize Lookups=count(), FirstSeen=min(TimeGenerated), LastSeen=max(TimeGenerated)',
    '  by Computer, ClientIP, Name',
  ];
  if (random.chance(0.3)) after.push('| where Lookups > 3');
  return {
    before,
    list: quoted(domains),
    after,
    pad: padRelays(random, domains),
    tables: ['DnsEvents'],
    techniques: [],
  };
}

export function draftSecurityEvent(context: QueryContext): QueryDraft {
  const { random, tool, label } = context;
  const time = timeFilter(context);
  const processes = quoted(toolProcesses(tool));
  const pad = padInstallers(random, tool.stem);
  const head = [...headerComments(context), ...time.lets, 'SecurityEvent', time.where];
  if (label.includes('4697')) {
    return {
      before: [...head, '| where EventID == 4697', '| where ServiceFileName has_any ('],
      list: processes,
      after: [
        ')',
        '| project TimeGenerated, Computer, SubjectUserName, ServiceName, ServiceFileName, ServiceStartType',
      ],
      pad,
      tables: ['SecurityEvent'],
      techniques: ['T1543.003'],
    };
  }
  if (label.includes('4624')) {
    return {
      before: [...head, '| where EventID == 4624 and LogonType == 10', '| where ProcessName has_any ('],
      list: processes,
      after: [')', '| summarize Logons=count(), Sources=make_set(IpAddress) by Computer, TargetUserName, ProcessName'],
      pad,
      tables: ['SecurityEvent'],
      techniques: ['T1021.001', 'T1078'],
    };
  }
  return {
    before: [...head, '| where EventID == 4688', '| where NewProcessName has_any ('],
    list: processes,
    after: [
      `) or CommandLine has '${literal(tool.stem)}'`,
      '| project TimeGenerated, Computer, Account, NewProcessName, CommandLine, ParentProcessName',
    ],
    pad,
    tables: ['SecurityEvent'],
    techniques: [],
  };
}

export function draftCommonSecurityLog(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const domains = toolDomains(tool);
  const time = timeFilter(context);
  const chosen = random.sample(FIREWALL_VENDORS, random.int(1, 3));
  const vendors = chosen.map((entry) => `'${entry.vendor}'`);
  const before = [
    ...headerComments(context),
    ...time.lets,
    'CommonSecurityLog',
    time.where,
    `| where DeviceVendor in (${vendors.join(', ')})`,
    '| where DestinationHostName has_any (',
  ];
  const after = [
    ')',
    '| summarize Sessions=count(), BytesOut=sum(SentBytes), LastSeen=max(TimeGenerated)',
    '  by SourceIP, SourceUserName, DestinationHostName, DeviceVendor',
  ];
  if (random.chance(0.3)) after.push('| where BytesOut > 1048576');
  const connector = chosen.length === 1 ? (chosen[0] as (typeof chosen)[number]).connector : 'CefAma';
  return {
    before,
    list: quoted(domains),
    after,
    pad: padRelays(random, domains),
    tables: ['CommonSecurityLog'],
    techniques: [],
    connector,
  };
}
