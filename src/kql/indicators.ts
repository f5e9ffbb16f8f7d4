/** What kind of indicator a literal value a query matches on is: a domain, an address, a process… */
import type { KqlIndicatorKind } from './analysis.ts';

const PRODUCT_COLUMN_RE = /ProductName$/i;
const SIGNER_COLUMN_RE = /(?:Signer|Issuer|CompanyName|Publisher)$/i;
const PROCESS_COLUMN_RE = /(?:FileName|ProcessName|^Process|^Image|ParentImage)$/i;
const PATH_COLUMN_RE = /(?:Path|Folder|Directory)$/i;
const DOMAIN_COLUMN_RE = /(?:Url|Uri|Domain|Fqdn|Host|HostName|Dns\w*|QueryName)$/i;
const IP_COLUMN_RE = /(?:IP|IpAddr|IPAddress|IPv4|IPv6)$/i;
const HOST_NAME_RE = /^(?:\*\.|\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\.?$/i;
const IPV4_RE = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?:\/\d{1,2})?$/;
const IPV6_RE = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\/\d{1,3})?$/i;
const IP_PREFIX_RE = /^\d{1,3}(?:\.\d{1,3}){0,3}\.?$/;
const EXE_RE = /\.exe$/i;

/**
 * Sorts a compared literal into the kind of indicator it is, by the column first and the value second.
 * @example classifyIndicator('RemoteUrl', 'app.pdq.com') // → 'domain'
 * @example classifyIndicator('ProcessCommandLine', 'rustdesk.exe') // → 'process'
 */
export function classifyIndicator(column: string | undefined, value: string): KqlIndicatorKind {
  if (column) {
    if (PRODUCT_COLUMN_RE.test(column)) return 'product';
    if (SIGNER_COLUMN_RE.test(column)) return 'signer';
    if (PROCESS_COLUMN_RE.test(column)) return 'process';
    if (PATH_COLUMN_RE.test(column)) return 'path';
    if (DOMAIN_COLUMN_RE.test(column)) {
      if (HOST_NAME_RE.test(value)) return 'domain';
      return isIpAddress(value) ? 'ip' : 'other';
    }
    // Prefixes such as `startswith '10.'` only count where the column says they are addresses.
    if (IP_COLUMN_RE.test(column)) return isIpAddress(value) || IP_PREFIX_RE.test(value) ? 'ip' : 'other';
  }
  if (isIpAddress(value)) return 'ip';
  if (EXE_RE.test(value)) return 'process';
  return 'other';
}

function isIpAddress(value: string): boolean {
  return IPV4_RE.test(value) || IPV6_RE.test(value);
}
