/** Hunts that name no tool, so the "no matching tool" list on the tools page has entries. */
export const GENERIC_HUNTS = [
  {
    title: 'PowerShell download cradle',
    table: 'DeviceProcessEvents',
    techniques: ['T1059.001', 'T1105'],
    body: [
      'DeviceProcessEvents',
      '| where Timestamp > ago(7d)',
      "| where FileName in~ ('powershell.exe', 'pwsh.exe')",
      "| where ProcessCommandLine has_any ('DownloadString', 'DownloadFile', 'Invoke-WebRequest', 'iwr ', 'Start-BitsTransfer')",
      '| project Timestamp, DeviceName, AccountName, ProcessCommandLine, InitiatingProcessFileName',
    ],
  },
  {
    title: 'RDP logon from a public address',
    table: 'SecurityEvent',
    techniques: ['T1021.001', 'T1133'],
    body: [
      'SecurityEvent',
      '| where TimeGenerated > ago(1d)',
      '| where EventID == 4624 and LogonType == 10',
      '| where not(ipv4_is_private(IpAddress))',
      '| summarize Logons=count(), FirstSeen=min(TimeGenerated) by Computer, TargetUserName, IpAddress',
    ],
  },
  {
    title: 'New service pointing into a user-writable folder',
    table: 'DeviceRegistryEvents',
    techniques: ['T1543.003', 'T1112'],
    body: [
      'DeviceRegistryEvents',
      '| where Timestamp > ago(7d)',
      "| where RegistryKey startswith @'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services'",
      "| where RegistryValueName == 'ImagePath'",
      "| where RegistryValueData has_any (@'\\Users\\Public', @'\\AppData\\Local\\Temp', @'\\ProgramData')",
      '| project Timestamp, DeviceName, RegistryKey, RegistryValueData, InitiatingProcessFileName',
    ],
  },
];
