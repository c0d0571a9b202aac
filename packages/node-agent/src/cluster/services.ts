// The Windows services the cluster cares about on this node: the Cluster service itself (ClusSvc:
// Stop-Service stops it cleanly, as Stop-ClusterNode does here; Start-Service starts it) and the
// services of Generic Service resources. A service stopped under the cluster fails its resource's
// health check (LooksAlive queries the service's state) and the restart policy starts it again.
import type { CmdletCall } from '../subsystem.js';
import { namesOf, type ClusterCmdlet } from './cmdlet-support.js';
import { pump } from './drive.js';
import { decodeObjects } from './schema.js';
import { beginStop, startService } from './stop-node.js';
import type { ClusterHost, ClusterState, ClusterWork } from './types.js';

const clusterService = 'clussvc';

function genericServices(state: ClusterState): string[] {
  return decodeObjects(state.gum.copy.entries)
    .resources.filter((r) => r.resourceType === 'Generic Service')
    .map((r) => String(r.parameters.ServiceName ?? r.name));
}

function serviceNamed(state: ClusterState, call: CmdletCall, host: ClusterHost, cmdlet: string): string | undefined {
  const name = namesOf(call)?.[0];
  const known = [clusterService, ...genericServices(state)];
  const found = name === undefined ? undefined : known.find((s) => s.toLowerCase() === name.toLowerCase());
  if (found === undefined) {
    host.io.reply(call.requestId, {
      ok: false,
      error: { category: 'ObjectNotFound', errorId: `NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.${cmdlet.replace('-', '')}Command`, message: `${cmdlet} : Cannot find any service with service name '${name ?? ''}'.` },
    });
  }
  return found;
}

const running = (state: ClusterState, service: string): boolean =>
  service === clusterService ? state.service === 'Running' : !state.rcm.stoppedServices.includes(service) && isHostedService(state, service);

function isHostedService(state: ClusterState, service: string): boolean {
  return decodeObjects(state.gum.copy.entries).resources.some((r) => r.resourceType === 'Generic Service' && String(r.parameters.ServiceName ?? r.name) === service && state.rcm.hosted[r.name]?.state === 'Online');
}

export const getService: ClusterCmdlet = (state, call, host) => {
  const service = serviceNamed(state, call, host, 'Get-Service');
  if (service === undefined) return;
  const status = running(state, service) ? 'Running' : 'Stopped';
  host.io.reply(call.requestId, { ok: true, output: [{ Status: status, Name: service === clusterService ? 'ClusSvc' : service, DisplayName: service === clusterService ? 'Cluster Service' : service }] });
};

export const stopService: ClusterCmdlet = (state, call, host) => {
  const service = serviceNamed(state, call, host, 'Stop-Service');
  if (service === undefined) return;
  const work: ClusterWork[] = [];
  if (service === clusterService) {
    if (state.service === 'Running') beginStop(state, host, 'Stop', work);
  }
  else if (!state.rcm.stoppedServices.includes(service)) state.rcm.stoppedServices.push(service);
  host.io.reply(call.requestId, { ok: true, output: null });
  work.push({ type: 'Reconcile' });
  pump(state, host, work);
};

export const startServiceCmdlet: ClusterCmdlet = (state, call, host) => {
  const service = serviceNamed(state, call, host, 'Start-Service');
  if (service === undefined) return;
  const work: ClusterWork[] = [];
  if (service === clusterService) startService(state, host, work);
  else state.rcm.stoppedServices = state.rcm.stoppedServices.filter((s) => s !== service);
  host.io.reply(call.requestId, { ok: true, output: null });
  pump(state, host, work);
};
