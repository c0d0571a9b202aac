// Commands from the lab (the management API an administrator's cmdlets reach) to one actor,
// and their replies. They do not cross the simulated network: they are the console.

export type LabCommand =
  | { type: 'Cmdlet'; name: string; parameters: Record<string, unknown> }
  | { type: 'Inspect' };

export interface CmdletError {
  /** PowerShell's error category, e.g. ObjectNotFound, InvalidArgument, InvalidOperation. */
  category: string;
  /** The FullyQualifiedErrorId-like id. */
  errorId: string;
  message: string;
}

export type CommandReply = { ok: true; output: unknown } | { ok: false; error: CmdletError };
