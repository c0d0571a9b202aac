// The directory's error table (STYLE 13): each refusal status with the text the real system shows,
// the client-side texts for when the directory cannot be reached, and the cmdlet errors. Messages
// name the value: the real text first, then what the lab found.
import type { CmdletError, CommandReply, DirectoryStatus } from '@wsfc-lab/protocol';

/** The real text of each status (Win32 FormatMessage, DNS RCODE names, RFC 4120 for Kerberos). */
export const statusText: Record<DirectoryStatus, string> = {
  ERROR_ACCESS_DENIED: 'Access is denied.',
  ERROR_INVALID_COMPUTERNAME: 'The format of the specified computer name is invalid.',
  ERROR_LOGON_FAILURE: 'The user name or password is incorrect.',
  ERROR_ACCOUNT_DISABLED: "This user can't sign in because this account is currently disabled.",
  ERROR_NO_SUCH_DOMAIN: 'The specified domain either does not exist or could not be contacted.',
  ERROR_TRUSTED_RELATIONSHIP_FAILURE: 'The trust relationship between this workstation and the primary domain failed.',
  NERR_UserExists: 'The account already exists.',
  NERR_SetupAlreadyJoined: 'This machine is already joined to a domain.',
  ERROR_DS_ADMIN_LIMIT_EXCEEDED: 'The administrative limit for this request was exceeded.',
  ERROR_DS_NO_SUCH_OBJECT: 'There is no such object on the server.',
  ERROR_DS_MACHINE_ACCOUNT_QUOTA_EXCEEDED:
    'Your computer could not be joined to the domain. You have exceeded the maximum number of computer accounts you are allowed to create in this domain. Contact your system administrator to have this limit reset or increased.',
  DNS_ERROR_RCODE_FORMAT_ERROR: 'DNS server unable to interpret format.',
  DNS_ERROR_RCODE_SERVER_FAILURE: 'DNS server failure.',
  DNS_ERROR_RCODE_REFUSED: 'DNS operation refused.',
  DNS_ERROR_RCODE_NOTZONE: 'DNS name in update or prereq is not in zone.',
  KDC_ERR_C_PRINCIPAL_UNKNOWN: 'Client not found in Kerberos database',
  KDC_ERR_S_PRINCIPAL_UNKNOWN: 'Server not found in Kerberos database',
  KDC_ERR_BADOPTION: 'KDC cannot accommodate requested option',
  KDC_ERR_CLIENT_REVOKED: "Clients credentials have been revoked",
  KDC_ERR_SERVICE_REVOKED: 'Credentials for server have been revoked',
};

/**
 * What a client shows when the directory does not answer at all (it is down or cut off). The
 * directory cannot send these: whoever waits for its reply produces them on its time-out.
 */
export const directoryUnreachable = {
  /** ERROR_NO_LOGON_SERVERS (1311), for a logon or a new ticket. */
  noLogonServers: 'There are currently no logon servers available to service the logon request.',
  /** SEC_E_NO_AUTHORITY (0x80090311), for SSPI/Kerberos authentication of a new connection. */
  noAuthority: 'No authority could be contacted for authentication.',
  /** ERROR_NO_SUCH_DOMAIN (1355), for Add-Computer. */
  noSuchDomain: statusText.ERROR_NO_SUCH_DOMAIN,
  /** ERROR_TIMEOUT (1460), what Resolve-DnsName shows when the DNS server does not answer. */
  dnsTimeout: 'This operation returned because the timeout period expired',
} as const;

/** A refusal decided by a pure helper: the status and what the lab found. */
export interface Refusal {
  status: DirectoryStatus;
  /** The real text followed by the detail, e.g. `Access is denied. (frame source node02 …)`. */
  message: string;
}

export function refusal(status: DirectoryStatus, detail: string): Refusal {
  return { status, message: `${statusText[status]} (${detail})` };
}

/** The outcome of a pure helper: the value, or the refusal to send. */
export type Decision<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const allow = <T>(value: T): Decision<T> => ({ ok: true, value });
export const deny = <T = never>(status: DirectoryStatus, detail: string): Decision<T> => ({ ok: false, refusal: refusal(status, detail) });

/** A failed cmdlet, with the status it is counted under. */
export interface CmdletFailure {
  status: string;
  error: CmdletError;
}

export const cmdletFailure = (status: string, error: CmdletError): CmdletFailure => ({ status, error });

export function failureReply(failure: CmdletFailure): CommandReply {
  return { ok: false, error: failure.error };
}

const adCommandClass: Record<string, string> = {
  'Get-ADComputer': 'GetADComputer',
  'New-ADComputer': 'NewADComputer',
  'Set-ADComputer': 'SetADComputer',
  'Remove-ADComputer': 'RemoveADComputer',
};

const adClass = (cmdlet: string) => `Microsoft.ActiveDirectory.Management.Commands.${adCommandClass[cmdlet] ?? cmdlet}`;

export const cmdletErrors = {
  missingParameter: (name: string): CmdletFailure =>
    cmdletFailure('MissingMandatoryParameter', {
      category: 'InvalidArgument',
      errorId: 'MissingMandatoryParameter',
      message: `Cannot process command because of one or more missing mandatory parameters: ${name}.`,
    }),
  invalidParameter: (cmdlet: string, name: string, value: unknown, expected: string): CmdletFailure =>
    cmdletFailure('ParameterArgumentValidationError', {
      category: 'InvalidArgument',
      errorId: `ParameterArgumentValidationError,${cmdlet}`,
      message: `Cannot validate argument on parameter '${name}'. The value ${JSON.stringify(value)} is not ${expected}.`,
    }),
  notImplemented: (cmdlet: string): CmdletFailure =>
    cmdletFailure('CmdletNotImplemented', {
      category: 'NotImplemented',
      errorId: 'CmdletNotImplemented',
      message: `${cmdlet} is not implemented by the wsfc-lab directory.`,
    }),
  identityNotFound: (cmdlet: string, identity: string, baseDn: string): CmdletFailure =>
    cmdletFailure('ADIdentityNotFound', {
      category: 'ObjectNotFound',
      errorId: `ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,${adClass(cmdlet)}`,
      message: `Cannot find an object with identity: '${identity}' under: '${baseDn}'.`,
    }),
  badFilter: (filter: string): CmdletFailure =>
    cmdletFailure('ADFilterParsingError', {
      category: 'InvalidArgument',
      errorId: `ActiveDirectoryCmdlet:System.ArgumentException,${adClass('Get-ADComputer')}`,
      message: `Error parsing query: '${filter}' Error Message: 'the lab supports -Filter *, Name -eq 'x' and Name -like 'x*'' at position: '1'.`,
    }),
  adServer: (cmdlet: string, code: number, text: string, detail: string): CmdletFailure =>
    cmdletFailure(`ActiveDirectoryServer:${code}`, {
      category: 'NotSpecified',
      errorId: `ActiveDirectoryServer:${code},${adClass(cmdlet)}`,
      message: `${text} (${detail})`,
    }),
  dnsServer: (cmdlet: string, code: number, category: string, message: string): CmdletFailure =>
    cmdletFailure(`WIN32 ${code}`, { category, errorId: `WIN32 ${code},${cmdlet}`, message }),
  dnsNameError: (name: string): CmdletFailure =>
    cmdletFailure('DNS_ERROR_RCODE_NAME_ERROR', {
      category: 'ResourceUnavailable',
      errorId: 'DNS_ERROR_RCODE_NAME_ERROR,Microsoft.DnsClient.Commands.ResolveDnsName',
      message: `${name} : DNS name does not exist`,
    }),
};

/** Win32 codes and texts of the AD errors the cmdlets report. */
export const adServerErrors = {
  accountExists: { code: 1316, text: 'The specified account already exists' },
  badAccountName: { code: 1315, text: 'The name provided is not a properly formed account name' },
  notLeaf: { code: 8213, text: 'The directory service can perform the requested operation only on a leaf object' },
  noAttribute: { code: 8202, text: 'The specified directory service attribute or value does not exist' },
  valueExists: { code: 8323, text: 'The specified value already exists' },
  valueMissing: { code: 8325, text: 'The attribute value cannot be removed because it is not present on the object' },
  adminLimit: { code: 8228, text: 'The administrative limit for this request was exceeded' },
} as const;
