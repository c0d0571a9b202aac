// Test-Cluster on this node (facts §15, PS-FC:test-cluster): -List prints the tests; otherwise the
// servers are -Node (names or FQDNs), or the nodes of -Cluster, or with neither the nodes of the
// cluster this node belongs to. The plan (plan.ts) checks -Include, -Ignore and -Disk; a server the
// node cannot resolve fails at once with WMI's text, and the run starts by gathering facts.
import type { CmdletError } from '@wsfc-lab/protocol';
import type { CmdletCall } from '../subsystem.js';
import { validationErrors } from './errors.js';
import { startGathering } from './gather.js';
import { renderTestList } from './list.js';
import { planValidation } from './plan.js';
import { readTestClusterParameters, type TestClusterParameters } from './test-cluster-params.js';
import { validationTiming } from './timing.js';
import type { Run, ValidationHost, ValidationState } from './state.js';

/** WMI's failure text for a name that does not resolve. */
const noSuchHost = 'No such host is known. (Exception from HRESULT: 0x80072AF9)';

function knownNodes(host: ValidationHost): string[] {
  const all = [{ name: host.config.name, id: host.config.id }, ...host.config.peers.map((p) => ({ name: p.name, id: p.id }))];
  return all.sort((a, b) => a.id - b.id).map((n) => n.name);
}

/** A node's own spelling for `given` (a name or an FQDN, any case); `given` itself when no node has it. */
function canonicalName(host: ValidationHost, given: string): string {
  const short = given.trim().split('.')[0]!.toLowerCase();
  return knownNodes(host).find((n) => n.toLowerCase() === short) ?? given.trim();
}

function targetNodes(host: ValidationHost, p: TestClusterParameters): { ok: true; nodes: string[] } | { ok: false; error: CmdletError } {
  if (p.nodes !== undefined) return { ok: true, nodes: p.nodes.map((n) => canonicalName(host, n)) };
  const clusterName = host.config.clusterName;
  if (p.cluster !== undefined) {
    if (clusterName === undefined || p.cluster.trim().split('.')[0]!.toLowerCase() !== clusterName.toLowerCase()) {
      return { ok: false, error: validationErrors.unableToConnect({ node: p.cluster, detail: noSuchHost }) };
    }
  }
  return { ok: true, nodes: clusterName === undefined ? [] : knownNodes(host) };
}

/** Plans the run; an error is the cmdlet's answer. */
function planRun(state: ValidationState, host: ValidationHost, call: CmdletCall): { ok: true; run: Run } | { ok: false; error: CmdletError } | { ok: true; output: string } {
  const read = readTestClusterParameters(call.parameters);
  if (!read.ok) return read;
  const p = read.value;
  if (p.list) return { ok: true, output: renderTestList().join('\n') };
  if (p.pools !== undefined && p.pools.length > 0) return { ok: false, error: validationErrors.noSuchPool({ pool: p.pools[0]! }) };
  const targets = targetNodes(host, p);
  if (!targets.ok) return targets;
  const networks = host.config.networks.map((n) => ({ name: n.name, subnet: n.subnet, role: n.role }));
  const planned = planValidation({ nodes: targets.nodes, networks, disks: p.disks, include: p.include, ignore: p.ignore });
  if (!planned.ok) return planned;
  const plan = planned.value;
  if (state.run !== null) return { ok: false, error: validationErrors.alreadyRunning({ node: state.self, nodes: state.run.plan.nodes }) };
  const unknown = plan.nodes.find((n) => !knownNodes(host).includes(n));
  if (unknown !== undefined) return { ok: false, error: validationErrors.unableToConnect({ node: unknown, detail: noSuchHost }) };
  const io = host.io;
  const nodes = plan.nodes.map((name) => ({ name, route: null, facts: null }));
  return { ok: true, run: { runId: io.newId(), requestId: call.requestId, startedAtMs: io.now(), plan, reportName: p.reportName, nodes, phase: 'Gathering', factsTimerId: null, probing: null, nextStepId: 1 } };
}

export function testClusterCmdlet(state: ValidationState, call: CmdletCall, host: ValidationHost): void {
  const planned = planRun(state, host, call);
  if (!planned.ok) return host.io.reply(call.requestId, planned);
  if ('output' in planned) return host.io.reply(call.requestId, { ok: true, output: planned.output });
  const run = planned.run;
  state.run = run;
  host.io.emit({ type: 'ValidationStarted', node: state.self, nodes: run.plan.nodes, tests: run.plan.selected.length });
  startGathering(state, host, run, validationTiming.factsReplyTimeoutMs);
}
