// The directory client's error table (STYLE 13): what the real Windows client shows when the
// directory does not answer, refuses, or cannot be asked, and the cmdlet errors built on them.
// Texts come from @wsfc-lab/directory (`directoryUnreachable`, `statusText`) so the node and the
// directory never disagree; the lab's detail follows in parentheses and names the value.
import type { CmdletError, DirectoryRequestType } from '@wsfc-lab/protocol';
import { directoryUnreachable } from '@wsfc-lab/directory';
import type { DirectoryFailure } from './operations.js';

/** The client-side text for a request nobody answered, by request type. */
const unreachableText: Record<DirectoryRequestType, string> = {
  DnsQuery: directoryUnreachable.dnsTimeout,
  DnsRegister: directoryUnreachable.dnsTimeout,
  DnsDeregister: directoryUnreachable.dnsTimeout,
  TicketRequest: directoryUnreachable.noAuthority,
  DomainJoin: directoryUnreachable.noSuchDomain,
  ComputerObjectCreate: directoryUnreachable.noSuchDomain,
  ComputerObjectChange: directoryUnreachable.noSuchDomain,
};

export function unreachable(request: DirectoryRequestType, detail: { controller: string; waitedMs: number }): DirectoryFailure {
  return {
    type: 'Unreachable',
    waitedMs: detail.waitedMs,
    message: `${unreachableText[request]} (${request} to ${detail.controller}: no answer in ${detail.waitedMs} ms)`,
  };
}

export function notJoined(self: string, what: string): DirectoryFailure {
  return { type: 'NotJoined', message: `${directoryUnreachable.noAuthority} (${what}: computer "${self}" is not a member of a domain)` };
}

export function overloaded(request: DirectoryRequestType, pending: number): DirectoryFailure {
  return { type: 'Overloaded', message: `${request} not sent: ${pending} directory requests are pending, the limit pendingRequestsMax` };
}

const dnsClass = 'Microsoft.DnsClient.Commands.ResolveDnsName';
const addComputerClass = 'Microsoft.PowerShell.Commands.AddComputerCommand';

export const clientCmdletErrors = {
  /** Resolve-DnsName when the DNS server did not answer (ERROR_TIMEOUT, 1460). */
  dnsTimeout: (name: string, failure: DirectoryFailure): CmdletError => ({
    category: 'OperationTimeout',
    errorId: `ERROR_TIMEOUT,${dnsClass}`,
    message: `${name} : ${failure.message}`,
  }),
  /** Resolve-DnsName on a machine without a DNS server configured (DNS_ERROR_NO_DNS_SERVERS, 9852). */
  noDnsServers: (name: string, self: string): CmdletError => ({
    category: 'ResourceUnavailable',
    errorId: `DNS_ERROR_NO_DNS_SERVERS,${dnsClass}`,
    message: `${name} : No DNS servers configured for local system. (the lab gave ${self} no directory)`,
  }),
  /** A DNS refusal or any other failure of a look-up, with the real text first. */
  dnsFailure: (name: string, failure: DirectoryFailure): CmdletError => ({
    category: 'NotSpecified',
    errorId: `${failure.type === 'Refused' ? failure.status : failure.type},${dnsClass}`,
    message: `${name} : ${failure.message}`,
  }),
  badParameter: (cmdlet: string, name: string, value: unknown, expected: string): CmdletError => ({
    category: 'InvalidArgument',
    errorId: `ParameterArgumentValidationError,${cmdlet}`,
    message: `Cannot validate argument on parameter '${name}'. The value ${JSON.stringify(value)} is not ${expected}.`,
  }),
  missingParameter: (name: string): CmdletError => ({
    category: 'InvalidArgument',
    errorId: 'MissingMandatoryParameter',
    message: `Cannot process command because of one or more missing mandatory parameters: ${name}.`,
  }),
  notModelled: (cmdlet: string, what: string): CmdletError => ({
    category: 'NotImplemented',
    errorId: 'ParameterNotImplemented',
    message: `${cmdlet} ${what} is not modelled by the wsfc-lab node agent.`,
  }),
  /** A credential given as a user name makes PowerShell prompt for the password; a scenario cannot type. */
  credentialPrompt: (userName: string): CmdletError => ({
    category: 'InvalidOperation',
    errorId: 'System.Management.Automation.PSInvalidOperationException',
    message:
      `PowerShell is in NonInteractive mode. Read and Prompt functionality is not available. ` +
      `(-Credential ${userName} asks for a password; in the lab write -Credential @{ UserName = '${userName}'; Password = '…' })`,
  }),
  alreadyInDomain: (self: string, domain: string): CmdletError => ({
    category: 'InvalidOperation',
    errorId: `AddComputerToSameDomain,${addComputerClass}`,
    message: `Cannot add computer '${self}' to domain '${domain}' because it is already in that domain.`,
  }),
  joinPending: (self: string, domain: string): CmdletError => ({
    category: 'InvalidOperation',
    errorId: `AddComputerToSameDomain,${addComputerClass}`,
    message: `Cannot add computer '${self}' to domain '${domain}' because it is already in that domain. (the join is done; it takes effect when ${self} restarts)`,
  }),
  /** Add-Computer's failure text, with the directory's (or the client's) reason. */
  joinFailed: (self: string, domain: string, failure: DirectoryFailure): CmdletError => ({
    category: 'OperationStopped',
    errorId: `FailToJoinDomainFromWorkgroup,${addComputerClass}`,
    message: `Computer '${self}' failed to join domain '${domain}' from its current workgroup 'WORKGROUP' with following error message: ${failure.message}`,
  }),
  /** klist get when the KDC did not answer or refused (klist.exe's own wording). */
  klistFailed: (code: string, failure: DirectoryFailure): CmdletError => ({
    category: 'NotSpecified',
    errorId: `KlistFailed,${code}`,
    message: `klist failed with ${code}: ${failure.type === 'Unreachable' || failure.type === 'NotJoined' ? `${directoryUnreachable.noLogonServers} (${failure.message})` : failure.message}`,
  }),
  klistUsage: (given: unknown): CmdletError => ({
    category: 'InvalidArgument',
    errorId: 'KlistUsage',
    message: `klist: unknown command ${JSON.stringify(given)}. Usage: klist [tickets | get <service/host> | purge]`,
  }),
};
