// How the source's Virtual Machine Management service authenticates a migration connection to the
// destination (facts §6.3 [L1]; Savill, Mastering Hyper-V [L9]):
//
// - A migration the cluster service starts (Move-ClusterVirtualMachineRole, a drain, a failover's
//   move, the balancer) runs with the cluster's own account: "Performing a Live Migration within a
//   cluster removed the need for any special security considerations ... because the cluster
//   account was used throughout migration operations" [L9]. Neither setting below applies to it.
// - Move-VM (Hyper-V's own, for a VM that is not clustered) uses the host's
//   VirtualMachineMigrationAuthenticationType:
//   - CredSSP (the default) needs the administrator's credentials on the source, so it works only
//     when the cmdlet runs on the source host itself; started from any other machine it fails with
//     the real "no suitable credentials" text below.
//   - Kerberos needs constrained delegation: the source's computer object must list
//     "Microsoft Virtual System Migration Service/<destination>" in msDS-AllowedToDelegateTo, and
//     "cifs/<destination>" too when the performance option is SMB [L1]. The source asks the KDC for
//     each ticket on the administrator's behalf (S4U2Proxy, TicketRequest with onBehalfOf); the KDC
//     refuses one not listed (KDC_ERR_BADOPTION), and the migration fails with the same text. A KDC
//     that does not answer fails it with SEC_E_NO_AUTHORITY.
//
// The texts are the real ones: Microsoft's "Troubleshoot live migration issues" (KB 4558514,
// TS:../virtualization/troubleshoot-live-migration-issues, event 21502) quotes the 0x8009030E and
// 0x8009030D lines and the "failed to authenticate" sentence, and techgenix.com's "Diagnosing Live
// Migration Failures (Part 2)" shows the same dialog. CredSSP started elsewhere gives
// SEC_E_NO_CREDENTIALS; Kerberos without delegation gives SEC_E_UNKNOWN_CREDENTIALS. The lab adds
// its detail in parentheses, naming the values.
import type { VmHostSettings } from './types.js';

/** The SPN service class Hyper-V registers for live migration. */
export const migrationServiceClass = 'Microsoft Virtual System Migration Service';
/** The SMB service class, needed too with the SMB performance option [L1]. */
export const smbServiceClass = 'cifs';
/** The administrator the lab's console acts as: the account Kerberos delegates for. */
export const labAdministrator = 'Administrator';

/** Who starts a migration: the cluster service, or an administrator's cmdlet on some machine. */
export type MigrationInitiator = { kind: 'Cluster' } | { kind: 'Session'; machine: string };

export type AuthPlan =
  /** No check by the host settings (the cluster's account, or CredSSP with the administrator on the source). */
  | { type: 'None'; mechanism: 'Cluster' | 'CredSSP' }
  | { type: 'Refused'; message: string }
  /** Service tickets the source must get on the administrator's behalf before it connects. */
  | { type: 'Kerberos'; services: string[]; onBehalfOf: string };

export const migrationAuthText = {
  sourceHeader: (vm: string, source: string) => `Virtual machine migration operation for '${vm}' failed at migration source '${source}'.`,
  /** SEC_E_NO_CREDENTIALS, the connection line of the Move-VM error. */
  noCredentials: (destination: string) => `Failed to establish a connection with host '${destination}': No credentials are available in the security package (0x8009030E).`,
  /** SEC_E_UNKNOWN_CREDENTIALS: Kerberos without constrained delegation (KB 4558514). */
  unknownCredentials: (destination: string) => `Failed to establish a connection with host '${destination}': The credentials supplied to the package were not recognized (0x8009030D).`,
  /** SEC_E_NO_AUTHORITY: the KDC did not answer. */
  noAuthority: (destination: string) => `Failed to establish a connection with host '${destination}': No authority could be contacted for authentication. (0x80090311).`,
  failedToAuthenticate:
    'The Virtual Machine Management Service failed to authenticate the connection for a virtual machine migration at the source host: no suitable credentials available. Make sure the operation is initiated on the source host of the migration, or the source host is configured to use Kerberos for the authentication of migration connections and constrained delegation is enabled for the host in active directory.',
} as const;

/** The full text of a refused authentication, with the lab's detail naming the values. */
export function noSuitableCredentials(o: { vm: string; source: string; destination: string; detail: string; mechanism: 'CredSSP' | 'Kerberos' }): string {
  const connection = o.mechanism === 'CredSSP' ? migrationAuthText.noCredentials(o.destination) : migrationAuthText.unknownCredentials(o.destination);
  return `${migrationAuthText.sourceHeader(o.vm, o.source)} ${connection} ${migrationAuthText.failedToAuthenticate} (${o.detail})`;
}

export function kdcUnreachable(o: { vm: string; source: string; destination: string; detail: string }): string {
  return `${migrationAuthText.sourceHeader(o.vm, o.source)} ${migrationAuthText.noAuthority(o.destination)} (${o.detail})`;
}

/** The SPNs Kerberos needs delegated to reach `destination` with this performance option [L1]. */
export function delegatedServices(destination: string, option: VmHostSettings['VirtualMachineMigrationPerformanceOption']): string[] {
  const services = [`${migrationServiceClass}/${destination}`];
  if (option === 'SMB') services.push(`${smbServiceClass}/${destination}`);
  return services;
}

/** What the source must do before it offers the VM to `destination`. */
export function planAuthentication(o: { settings: VmHostSettings; vm: string; source: string; destination: string; initiator: MigrationInitiator }): AuthPlan {
  if (o.initiator.kind === 'Cluster') return { type: 'None', mechanism: 'Cluster' };
  const mechanism = o.settings.VirtualMachineMigrationAuthenticationType;
  switch (mechanism) {
    case 'CredSSP': {
      const machine = o.initiator.machine;
      if (machine.toLowerCase() === o.source.toLowerCase()) return { type: 'None', mechanism: 'CredSSP' };
      const detail = `VirtualMachineMigrationAuthenticationType is CredSSP on ${o.source} and the migration was started from ${machine}, not on ${o.source}`;
      return { type: 'Refused', message: noSuitableCredentials({ vm: o.vm, source: o.source, destination: o.destination, detail, mechanism: 'CredSSP' }) };
    }
    case 'Kerberos':
      return { type: 'Kerberos', services: delegatedServices(o.destination, o.settings.VirtualMachineMigrationPerformanceOption), onBehalfOf: labAdministrator };
    default:
      return assertNeverMechanism(mechanism);
  }
}

function assertNeverMechanism(mechanism: never): never {
  throw new RangeError(`VirtualMachineMigrationAuthenticationType must be CredSSP or Kerberos, got ${JSON.stringify(mechanism)}`);
}
