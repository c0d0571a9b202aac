// Resource control manager events (facts §16.1).
import type { Catalog } from './catalog.js';

export type ResourceEvent =
  | { type: 'ResourceFailed'; resource: string; group: string; resourceType: string; node: string }
  | { type: 'GroupFailedOnlineOffline'; group: string; node: string }
  | { type: 'GroupTerminalFailure'; group: string; node: string; failoverThreshold: number; failoverPeriodHours: number }
  /** A Network Name's A record could not be registered (RequireDNS 0: the resource stays online). */
  | { type: 'NetworkNameDnsRegistrationFailed'; resource: string; dnsName: string; node: string; reason: string }
  /** An IP Address resource's health check found this node's interface on its network failed. */
  | { type: 'IpAddressHealthCheckFailed'; resource: string; address: string; interfaceName: string; node: string }
  /** An IP Address resource on a network whose role does not allow client access (facts §12). */
  | { type: 'IpAddressNetworkRoleInvalid'; resource: string; network: string; node: string };

export const resourceCatalog: Catalog<ResourceEvent> = {
  ResourceFailed: {
    Id: 1069,
    level: 'Error',
    component: 'RCM',
    message: (e) =>
      `Cluster resource '${e.resource}' of type '${e.resourceType}' in clustered role '${e.group}' failed. Based on the failure policies for the resource and role, the cluster service may try to bring the resource online on this node or move the group to another node of the cluster and then restart it.`,
  },
  GroupFailedOnlineOffline: {
    Id: 1205,
    level: 'Error',
    component: 'RCM',
    message: (e) =>
      `The Cluster service failed to bring clustered role '${e.group}' completely online or offline. One or more resources may be in a failed state. This may impact the availability of the clustered role.`,
  },
  NetworkNameDnsRegistrationFailed: {
    Id: 1196,
    level: 'Error',
    component: 'RES',
    message: (e) =>
      `Cluster network name resource '${e.resource}' failed registration of one or more associated DNS name(s) for the following reason: ${e.reason}. Ensure that the network adapters associated with dependent IP address resources are configured with at least one accessible DNS server.`,
  },
  IpAddressHealthCheckFailed: {
    // [UNCONFIRMED] Id 1077 and its wording are from general knowledge of the System log, not the fact sheet.
    Id: 1077,
    level: 'Error',
    component: 'RES',
    message: (e) =>
      `Health check for IP interface '${e.interfaceName}' (address '${e.address}') failed (status is '1168'). Run the Validate a Configuration wizard to ensure that the network adapter is functioning properly.`,
  },
  IpAddressNetworkRoleInvalid: {
    Id: 1223,
    level: 'Error',
    component: 'RES',
    message: (e) =>
      `Cluster IP address resource '${e.resource}' cannot be brought online because the cluster network '${e.network}' is not configured to allow client access. Please use the Failover Cluster Manager snap-in to check the configured properties of the cluster network.`,
  },
  GroupTerminalFailure: {
    Id: 1254,
    level: 'Error',
    component: 'RCM',
    message: (e) =>
      `Clustered role '${e.group}' has exceeded its failover threshold. It has exhausted the configured number of failover attempts within the failover period of time allotted to it and will be left in a failed state. No additional attempts will be made to bring the role online or fail it over to another node in the cluster.`,
  },
};
