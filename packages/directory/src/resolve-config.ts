// Checks the configuration once, at init, and fills in the defaults. A bad configuration is a lab
// error (the coordinator validates lab files first), so it is asserted, naming the value.
import { assert } from '@wsfc-lab/protocol';
import { directoryDefaults, type DirectoryConfig, type ResolvedDirectoryConfig } from './config.js';
import { directoryLimits } from './limits.js';
import { computerKey, computerNameProblem, isIpv4, normalizeDnsName, zoneName } from './names.js';

export function resolveDirectoryConfig(config: DirectoryConfig): ResolvedDirectoryConfig {
  const domain = normalizeDnsName(config.domain);
  const placed = zoneName(domain, domain);
  assert(placed.type === 'InZone' && domain.includes('.'), `directory domain "${config.domain}" is not a dotted DNS name such as wsfc.local`);
  const dcProblem = computerNameProblem(config.name);
  assert(dcProblem === undefined, `directory name: ${dcProblem}`);
  assert(isIpv4(config.address), `directory address "${config.address}" is not an IPv4 address`);
  const seen = new Set([computerKey(config.name)]);
  for (const machine of config.machines) {
    const problem = computerNameProblem(machine.name);
    assert(problem === undefined, `directory machine name: ${problem}`);
    assert(isIpv4(machine.address), `address "${machine.address}" of machine "${machine.name}" is not an IPv4 address`);
    assert(!seen.has(computerKey(machine.name)), `machine "${machine.name}" is listed twice (or is the directory itself)`);
    seen.add(computerKey(machine.name));
  }
  assert(config.machines.length + 1 <= directoryLimits.computerObjectsMax, `${config.machines.length} machines are over computerObjectsMax ${directoryLimits.computerObjectsMax}`);
  const ticketLifetimeMs = config.ticketLifetimeMs ?? directoryDefaults.ticketLifetimeMs;
  assert(Number.isFinite(ticketLifetimeMs) && ticketLifetimeMs > 0, `ticketLifetimeMs must be > 0, got ${ticketLifetimeMs}`);
  const machineAccountQuota = config.machineAccountQuota ?? directoryDefaults.machineAccountQuota;
  assert(
    Number.isInteger(machineAccountQuota) && machineAccountQuota >= 0 && machineAccountQuota <= directoryLimits.machineAccountQuotaMax,
    `machineAccountQuota must be an integer in 0..${directoryLimits.machineAccountQuotaMax}, got ${machineAccountQuota}`,
  );
  return {
    name: config.name,
    address: config.address,
    domain,
    machines: config.machines.map((machine) => ({ ...machine })),
    adminPassword: config.adminPassword,
    ticketLifetimeMs,
    machineAccountQuota,
    clusterAccounts: (config.clusterAccounts ?? []).map((cluster) => {
      for (const name of [cluster.cno, ...cluster.vcos]) {
        const problem = computerNameProblem(name);
        assert(problem === undefined, `cluster account name: ${problem}`);
        assert(!seen.has(computerKey(name)), `cluster account "${name}" is listed twice (or is a machine's name)`);
        seen.add(computerKey(name));
      }
      return { cno: cluster.cno, vcos: [...cluster.vcos] };
    }),
  };
}
