// Stop-Computer on this machine: the OS shuts down, which stops the cluster service cleanly first,
// then turns the machine off. Its arguments are checked as PowerShell binds them: the computer
// names must be this machine's, the switches switches; anything else is refused and nothing stops.
import type { CmdletError } from '@wsfc-lab/protocol';

const switches = new Set(['Force', 'AsJob', 'Confirm', 'WhatIf', 'Verbose', 'Debug']);
/** Parameters Stop-Computer accepts with a value; the lab has no use for their values. */
const accepted = new Set(['ComputerName', 'Credential', 'Protocol', 'DcomAuthentication', 'Impersonation', 'WsmanAuthentication', 'ThrottleLimit', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable']);

const refusal = (message: string): CmdletError => ({ category: 'InvalidArgument', errorId: 'ParameterArgumentTransformationError,Microsoft.PowerShell.Commands.StopComputerCommand', message: `Stop-Computer : ${message}` });

function namesThisMachine(value: unknown, self: string): boolean {
  const names = Array.isArray(value) ? value : [value];
  return names.length > 0 && names.every((n) => typeof n === 'string' && ['localhost', '.', self.toLowerCase()].includes(n.split('.')[0]!.toLowerCase() || n));
}

/** Why these arguments cannot stop this machine, or undefined when they can. */
export function checkStopComputer(parameters: Record<string, unknown>, self: string): CmdletError | undefined {
  for (const [name, value] of Object.entries(parameters)) {
    if (name === '$positional') {
      if (!namesThisMachine(value, self)) return refusal(`Cannot validate argument on parameter 'ComputerName': ${JSON.stringify(value)} does not name '${self}'.`);
    } else if (switches.has(name)) {
      if (typeof value !== 'boolean') return refusal(`Cannot convert '${JSON.stringify(value)}' to the type 'System.Management.Automation.SwitchParameter' required by parameter '${name}'.`);
    } else if (name === 'ComputerName') {
      if (!namesThisMachine(value, self)) return refusal(`Cannot validate argument on parameter 'ComputerName': ${JSON.stringify(value)} does not name '${self}'.`);
    } else if (!accepted.has(name)) {
      return refusal(`A parameter cannot be found that matches parameter name '${name}'.`);
    } else if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
      return refusal(`Cannot process argument transformation on parameter '${name}'. Cannot convert value ${JSON.stringify(value)}.`);
    }
  }
  return undefined;
}
