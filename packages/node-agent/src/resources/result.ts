// Decisions that can be refused return a Result whose error is a cmdlet error as the management
// API reports it (STYLE 8: operating errors are values, not throws).
import type { CmdletError } from '@wsfc-lab/protocol';

export type Result<T> = { ok: true; value: T } | { ok: false; error: CmdletError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = <T>(error: CmdletError): Result<T> => ({ ok: false, error });
