// Commands from the lab (the management API an administrator's cmdlets reach) to one actor,
// and their replies. They do not cross the simulated network: they are the console.

export type LabCommand =
  | { type: 'Cmdlet'; name: string; parameters: Record<string, unknown> }
  | { type: 'Inspect' }
  /**
   * The lab's block workload (chaos runs): one 512-byte block of a clustered disk written through
   * this node's ownership of it (fenced at the target), or read back. Not an administrator's cmdlet.
   */
  | { type: 'WorkloadWrite'; disk: string; lba: number; data: Uint8Array }
  | { type: 'WorkloadRead'; disk: string; lba: number };

export interface CmdletError {
  /** PowerShell's error category, e.g. ObjectNotFound, InvalidArgument, InvalidOperation. */
  category: string;
  /** The FullyQualifiedErrorId-like id. */
  errorId: string;
  message: string;
}

export type CommandReply = { ok: true; output: unknown } | { ok: false; error: CmdletError };

/** The answer of an actor that is not a cluster node to a workload command. */
export function notANode(actorKind: string, command: Extract<LabCommand, { type: 'WorkloadWrite' | 'WorkloadRead' }>): CommandReply {
  return { ok: false, error: { category: 'InvalidOperation', errorId: 'NotANode', message: `${command.type} goes to a cluster node, not to the ${actorKind}` } };
}
