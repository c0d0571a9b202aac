// The resource types a Hyper-V cluster uses (facts §4.1) and what the lab needs to know about
// each: the type-level health-check intervals a resource inherits when its own value is
// 0xFFFFFFFF (facts §4.3), and its class (storage, network) as Get-ClusterResource shows it.

export const resourceTypes = [
  'Physical Disk',
  'IP Address',
  'IPv6 Address',
  'Network Name',
  'File Server',
  'Generic Service',
  'Generic Application',
  'Virtual Machine',
  'Virtual Machine Configuration',
  'File Share Witness',
  'Cloud Witness',
] as const;

export type ResourceType = (typeof resourceTypes)[number];

export interface ResourceTypeInfo {
  /** Type default for LooksAlivePollInterval, in ms (5000; facts §4.3 [R1]). */
  looksAlivePollIntervalMs: number;
  /** Type default for IsAlivePollInterval, in ms (60000; facts §4.3 [R1]). */
  isAlivePollIntervalMs: number;
  /** IsStorageClassResource in Get-ClusterResource | Format-List * (facts §4.1 [R2]). */
  storageClass: boolean;
  /** IsNetworkClassResource. */
  networkClass: boolean;
  /** Only Physical Disk can hold the quorum by default (facts §4.1); the witnesses are special types. */
  quorumCapable: boolean;
}

const plain = { looksAlivePollIntervalMs: 5000, isAlivePollIntervalMs: 60000, storageClass: false, networkClass: false, quorumCapable: false };

export const resourceTypeInfo: Readonly<Record<ResourceType, ResourceTypeInfo>> = {
  'Physical Disk': { ...plain, storageClass: true, quorumCapable: true },
  'IP Address': { ...plain, networkClass: true },
  'IPv6 Address': { ...plain, networkClass: true },
  'Network Name': { ...plain, networkClass: true },
  'File Server': plain,
  'Generic Service': plain,
  'Generic Application': plain,
  'Virtual Machine': plain,
  'Virtual Machine Configuration': plain,
  'File Share Witness': { ...plain, quorumCapable: true },
  'Cloud Witness': { ...plain, quorumCapable: true },
};

export function isResourceType(value: string): value is ResourceType {
  return (resourceTypes as readonly string[]).includes(value);
}
