// The first half of Test-Cluster as a pure plan: from the servers, networks and disks to validate
// and the -Include/-Ignore selection, which tests run and which facts must be gathered for them.
// The integration gathers the facts (facts.ts) from the lab's actual state; the storage tests then
// need a second plan, made from the disks the servers turned out to see (storage-plan.ts).
import type { CmdletError } from '@wsfc-lab/protocol';
import { validationTests, type TestSpec } from './catalog.js';
import { validationErrors } from './errors.js';
import type { FactRequest, ValidationNetwork } from './facts.js';
import { validationLimits } from './limits.js';
import { selectTests } from './selection.js';

/** A disk online in a clustered role: the storage tests skip it, as the real product does (facts §3.3). */
export interface DiskInUse {
  disk: string;
  group: string;
}

export interface TestClusterRequest {
  /** -Node, in the order given. */
  nodes: readonly string[];
  /** The networks the servers are on (from the lab), checked by the Network tests. */
  networks: readonly ValidationNetwork[];
  /** -Disk: only these disks, by name or serial number; absent: every disk the servers see. */
  disks?: readonly string[];
  include?: readonly string[];
  ignore?: readonly string[];
  /** When validating an existing cluster: its disks that are online in a role. */
  disksInUse?: readonly DiskInUse[];
}

export type NotRunReason = 'NotSelected' | 'NotModelled' | 'NotApplicable';

export interface NotRunTest {
  spec: TestSpec;
  reason: NotRunReason;
}

export interface ValidationPlan {
  nodes: string[];
  networks: ValidationNetwork[];
  /** Tests that run, in catalog order. */
  selected: TestSpec[];
  notRun: NotRunTest[];
  /** The Hyper-V tests were asked for by name, so they run even where no server has the role. */
  hyperVRequested: boolean;
  diskFilter: string[] | undefined;
  disksInUse: DiskInUse[];
  facts: FactRequest[];
}

export type PlanResult = { ok: true; value: ValidationPlan } | { ok: false; error: CmdletError };

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(name.toLowerCase()) && seen.add(name.toLowerCase()));
}

function factRequests(nodes: readonly string[], networks: readonly ValidationNetwork[], selected: readonly TestSpec[]): FactRequest[] {
  const facts: FactRequest[] = nodes.map((node) => ({ type: 'NodeInventory', node }));
  if (selected.some((t) => t.category === 'Storage')) for (const node of nodes) facts.push({ type: 'DiskInventory', node });
  if (selected.some((t) => t.name === 'Validate Network Communication')) {
    for (const network of networks) for (const from of nodes) for (const to of nodes) if (from !== to) facts.push({ type: 'Reachability', network: network.name, from, to });
  }
  return facts;
}

function checkBounds(request: TestClusterRequest, nodes: readonly string[]): CmdletError | undefined {
  if (nodes.length === 0) return validationErrors.noNodes();
  if (nodes.length > validationLimits.nodesMax) return validationErrors.tooMany({ what: 'servers', count: nodes.length, max: validationLimits.nodesMax });
  if (request.networks.length > validationLimits.networksMax) return validationErrors.tooMany({ what: 'networks', count: request.networks.length, max: validationLimits.networksMax });
  if ((request.disks?.length ?? 0) > validationLimits.selectionNamesMax) return validationErrors.tooMany({ what: 'disks in -Disk', count: request.disks?.length ?? 0, max: validationLimits.selectionNamesMax });
  return undefined;
}

export function planValidation(request: TestClusterRequest): PlanResult {
  const nodes = uniqueNames(request.nodes.map((n) => n.trim()).filter((n) => n !== ''));
  const refusal = checkBounds(request, nodes);
  if (refusal) return { ok: false, error: refusal };
  const selection = selectTests({ include: request.include, ignore: request.ignore });
  if (!selection.ok) return selection;
  const selected = selection.tests.filter((t) => t.modelled);
  const notRun: NotRunTest[] = [];
  for (const spec of validationTests) {
    if (!selection.tests.includes(spec)) notRun.push({ spec, reason: 'NotSelected' });
    else if (!spec.modelled) notRun.push({ spec, reason: 'NotModelled' });
  }
  const hyperVRequested = (request.include ?? []).some((name) => name.trim().toLowerCase() === 'hyper-v configuration' || selected.some((t) => t.category === 'Hyper-V Configuration' && t.name.toLowerCase() === name.trim().toLowerCase()));
  return {
    ok: true,
    value: {
      nodes,
      networks: [...request.networks],
      selected,
      notRun,
      hyperVRequested,
      diskFilter: request.disks ? [...request.disks] : undefined,
      disksInUse: [...(request.disksInUse ?? [])],
      facts: factRequests(nodes, request.networks, selected),
    },
  };
}
