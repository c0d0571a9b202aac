// Every error the initiator's and the Storage module's cmdlets give, in one table (STYLE 13), with
// the real texts. iSCSI cmdlets fail with the initiator's ISDSC status (iscsierr.h: its message
// text, FullyQualifiedErrorId "HRESULT 0xefff….,<cmdlet>"); Storage cmdlets with the Storage
// Management API's return code ("Storage Management API Common Return Codes": its description,
// FullyQualifiedErrorId "StorageWMI <code>,<cmdlet>"); a query that matches nothing with CIM
// cmdletization's "No MSFT_… objects found" (FullyQualifiedErrorId "CmdletizationQuery_NotFound_…").
import type { CmdletError } from '@wsfc-lab/protocol';

/** ISDSC statuses the lab's initiator returns (iscsierr.h). */
export const iscsiStatus = {
  LoginFailed: { hresult: 0xefff0002, text: 'Login Failed.' },
  ConnectionFailed: { hresult: 0xefff0003, text: 'Connection Failed.' },
  InitiatorError: { hresult: 0xefff0008, text: 'Initiator Error.' },
  AuthenticationFailure: { hresult: 0xefff0009, text: 'Authentication Failure.' },
  AuthorizationFailure: { hresult: 0xefff000a, text: 'Authorization Failure.' },
  NotFound: { hresult: 0xefff000b, text: 'Not Found.' },
  TargetRemoved: { hresult: 0xefff000c, text: 'Target Removed.' },
  TargetError: { hresult: 0xefff0012, text: 'Target Error.' },
  ServiceUnavailable: { hresult: 0xefff0013, text: 'Service Unavailable.' },
  OutOfResources: { hresult: 0xefff0014, text: 'Out of Resources.' },
  InvalidSessionId: { hresult: 0xefff001c, text: 'Invalid Session Id.' },
  TargetNotFound: { hresult: 0xefff0029, text: 'The target name is not found or is marked as hidden from login.' },
  TargetAlreadyLoggedIn: { hresult: 0xefff003f, text: 'The target has already been logged in via an iSCSI session.' },
} as const;
export type IscsiStatusName = keyof typeof iscsiStatus;

/**
 * The ISDSC status for a refused login. ISDSC codes 0xEFFF0006–0xEFFF0014 follow the login
 * response status codes of RFC 7143 §11.13.5 one for one.
 */
export function iscsiStatusOfLogin(statusClass: number, statusDetail: number): IscsiStatusName {
  const code = (statusClass << 8) | statusDetail;
  const byCode: Record<number, IscsiStatusName> = {
    0x0200: 'InitiatorError',
    0x0201: 'AuthenticationFailure',
    0x0202: 'AuthorizationFailure',
    0x0203: 'NotFound',
    0x0204: 'TargetRemoved',
    0x0300: 'TargetError',
    0x0301: 'ServiceUnavailable',
    0x0302: 'OutOfResources',
  };
  return byCode[code] ?? 'LoginFailed';
}

export function iscsiError(cmdlet: string, status: IscsiStatusName): CmdletError {
  const { hresult, text } = iscsiStatus[status];
  return { category: 'NotSpecified', errorId: `HRESULT 0x${hresult.toString(16)},${cmdlet}`, message: `${cmdlet} : ${text}` };
}

/** Storage Management API return codes the lab's Storage cmdlets give. */
export const storageWmiStatus = {
  NotSupported: { code: 1, text: 'Not Supported' },
  InvalidParameter: { code: 5, text: 'Invalid Parameter' },
  NotEnoughCapacity: { code: 40000, text: 'Not enough available capacity' },
  AccessDenied: { code: 40001, text: 'Access denied' },
  NotEnoughResources: { code: 40002, text: 'There are not enough resources to complete the operation.' },
  IoError: { code: 40004, text: 'An unexpected I/O error has occurred' },
  SizeRequired: { code: 40005, text: 'You must specify a size by using either the Size or the UseMaximumSize parameter. You can specify only one of these parameters at a time.' },
  NotInitialized: { code: 41000, text: 'The disk has not been initialized.' },
  AlreadyInitialized: { code: 41001, text: 'The disk has already been initialized.' },
  DiskOffline: { code: 41003, text: 'The disk is offline.' },
  PartitionLimit: { code: 41004, text: "The disk's partition limit has been reached." },
  CriticalDisk: { code: 41009, text: 'Operation not supported on a critical disk.' },
  AccessPathInUse: { code: 42002, text: 'The requested access path is already in use.' },
  AccessPathInvalid: { code: 42007, text: 'The access path is not valid.' },
  ClusterSizeInvalid: { code: 43000, text: 'The specified cluster size is invalid' },
  FileSystemNotSupported: { code: 43001, text: 'The specified file system is not supported' },
} as const;
export type StorageWmiStatusName = keyof typeof storageWmiStatus;

const invalidOperation = new Set<StorageWmiStatusName>(['AlreadyInitialized', 'DiskOffline', 'NotInitialized', 'CriticalDisk']);

export function storageWmiError(cmdlet: string, status: StorageWmiStatusName): CmdletError {
  const { code, text } = storageWmiStatus[status];
  return { category: invalidOperation.has(status) ? 'InvalidOperation' : 'NotSpecified', errorId: `StorageWMI ${code},${cmdlet}`, message: `${cmdlet} : ${text}` };
}

/** CIM cmdletization's answer when a query by a property matches no object. */
export function notFoundError(o: { cmdlet: string; cimClass: string; property: string; value: unknown }): CmdletError {
  return {
    category: 'ObjectNotFound',
    errorId: `CmdletizationQuery_NotFound_${o.property},${o.cmdlet}`,
    message: `${o.cmdlet} : No ${o.cimClass} objects found with property '${o.property}' equal to '${String(o.value)}'.  Verify the value of the property and retry.`,
  };
}

export function missingParameterError(cmdlet: string, parameter: string): CmdletError {
  return {
    category: 'InvalidArgument',
    errorId: `MissingMandatoryParameter,${cmdlet}`,
    message: `${cmdlet} : Cannot process command because of one or more missing mandatory parameters: ${parameter}.`,
  };
}

export function invalidArgumentError(o: { cmdlet: string; parameter: string; value: unknown; type: string }): CmdletError {
  return {
    category: 'InvalidArgument',
    errorId: `ParameterArgumentTransformationError,${o.cmdlet}`,
    message: `${o.cmdlet} : Cannot process argument transformation on parameter '${o.parameter}'. Cannot convert value "${String(o.value)}" to type "${o.type}".`,
  };
}

export function unsupportedValueError(o: { cmdlet: string; parameter: string; value: unknown; why: string }): CmdletError {
  return {
    category: 'InvalidArgument',
    errorId: `ParameterArgumentValidationError,${o.cmdlet}`,
    message: `${o.cmdlet} : Cannot validate argument on parameter '${o.parameter}'. ${JSON.stringify(o.value)} ${o.why}.`,
  };
}
