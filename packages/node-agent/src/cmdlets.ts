// Cmdlets a node answers itself (through its cluster service), with PowerShell's output objects.
import type { CommandReply } from '@wsfc-lab/protocol';
import type { NodeActorState } from './node.js';

const notFound = (kind: string, name: string): CommandReply => ({
  ok: false,
  error: { category: 'ObjectNotFound', errorId: `${kind}NotFound`, message: `The cluster ${kind.toLowerCase()} '${name}' was not found.` },
});

function getClusterNode(state: NodeActorState, parameters: Record<string, unknown>): CommandReply {
  const ids = new Map([[state.config.name, state.config.id], ...state.config.peers.map((p): [string, number] => [p.name, p.id])]);
  const names = Object.keys(state.members).sort((a, b) => (ids.get(a) ?? 0) - (ids.get(b) ?? 0));
  const rows = names.map((Name) => ({ Name, ID: ids.get(Name) ?? 0, State: state.members[Name]?.State ?? 'Down' }));
  const wanted = parameters.Name;
  if (wanted === undefined) return { ok: true, output: rows };
  const list = Array.isArray(wanted) ? wanted.map(String) : [String(wanted)];
  const missing = list.find((name) => !names.includes(name));
  if (missing !== undefined) return notFound('Node', missing);
  return { ok: true, output: rows.filter((row) => list.includes(row.Name)) };
}

export function runNodeCmdlet(state: NodeActorState, name: string, parameters: Record<string, unknown>): CommandReply {
  if (state.config.clusterName === undefined && name.includes('Cluster')) {
    return {
      ok: false,
      error: { category: 'ObjectNotFound', errorId: 'ClusterNotFound', message: `The cluster service is not running on '${state.config.name}': it is not a member of a cluster.` },
    };
  }
  switch (name) {
    case 'Get-ClusterNode':
      return getClusterNode(state, parameters);
    default:
      return {
        ok: false,
        error: { category: 'NotImplemented', errorId: 'CmdletNotImplemented', message: `${name} is not implemented by the wsfc-lab node agent yet.` },
      };
  }
}
