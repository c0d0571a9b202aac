// The node actor: a Hyper-V host with its cluster service, as a set of subsystems (subsystem.ts).
// This file only dispatches: frames to the subsystem that understands them, timers to the one
// that set them, cmdlets to the one that answers them.
import { NodeAccepts, assertNever, type ActorDefinition, type ActorIo, type LabCommand, type NodeMessage } from '@wsfc-lab/protocol';
import type { NodeConfig } from './config.js';
import { membership, networksUpTo, peerLeft, rebuildRoutes, setHeartbeatSettings, stopHeartbeats, takeConnectivityChanges, watchPeers, type MembershipState, type MembershipTimer } from './membership/subsystem.js';
import { checkClusterInvariants, onHyperVReports, initCluster, onClusterDirectoryFrame, shutDown, isClusterMessage, onArbitrationCompletions, onClusterMessage, onClusterTimer, onConnectivity, startCluster } from './cluster/subsystem.js';
import { clusterCmdlets } from './cluster/cmdlets.js';
import type { ClusterHost, ClusterState, ClusterTimer } from './cluster/types.js';
import { lastValidationOf } from './validation/subsystem.js';
import { clusterLogIo, type ClusterLogHolder } from './cluster/cmdlets-log.js';
import { databaseCurrent } from './cluster/rcm.js';
import { applyNetworkRoles, setClusterNetworkRole } from './cluster/network-roles.js';
import { onWorkloadCompletions, workloadRead, workloadWrite } from './cluster/workload.js';
import { interfaceName } from './membership/interfaces.js';
import { labNetworkOf } from './membership/networks.js';
import { checkStopComputer } from './stop-computer.js';
import type { ArbitrationTimer } from './arbitration/mod.js';
import { directoryClient, type DirectoryClientState, type DirectoryClientTimer } from './directory-client/subsystem.js';
import { storage, takeCompletions, type StorageState, type StorageTimer } from './storage/mod.js';
import type { CmdletCall, FrameIn } from './subsystem.js';
import { checkValidationInvariants, initValidation, onValidationCompletions, onValidationMessage, onValidationTimer, validationCmdlets, type ValidationHost, type ValidationState, type ValidationTimer } from './validation/subsystem.js';
import { checkHyperVInvariants, initHyperV, onHyperVFrame, onHyperVTimer, persist as persistHyperV } from './hyperv/subsystem.js';
import { hypervCmdlets } from './hyperv/cmdlets.js';
import { onMigrationAuthFrame } from './hyperv/migration-auth-frames.js';
import { readClusterMigrationSetting } from './hyperv/migration-networks-cluster.js';
import { takeNotices } from './hyperv/vms.js';
import { applyStorageHealth, type StorageHealth } from './hyperv/storage-health.js';
import type { HyperVHost } from './hyperv/migration-link.js';
import type { HyperVState, HyperVTimer } from './hyperv/types.js';
import { csvAccessible } from './csv/mod.js';
import { checkCsvInvariants, csvCmdlets, initCsv, onCsvCompletions, onCsvMessage, onCsvTimer, type CsvHost, type CsvState, type CsvTimer } from './csv/mod.js';

export type NodeTimer = MembershipTimer | DirectoryClientTimer | StorageTimer | ClusterTimer | ArbitrationTimer | ValidationTimer | CsvTimer | HyperVTimer;

export interface NodeActorState {
  config: NodeConfig;
  membership: MembershipState;
  directoryClient: DirectoryClientState;
  storage: StorageState;
  cluster: ClusterState;
  /** Stop-Computer turned the machine off: it answers nothing until the lab starts it again. */
  poweredOff?: boolean;
  validation: ValidationState;
  csv: CsvState;
  hyperv: HyperVState;
}

type Io = ActorIo<NodeTimer>;
type CmdletHandler = (state: NodeActorState, call: CmdletCall, io: Io) => void;

/** Every cmdlet the node answers, by canonical name, bound to its subsystem's state. */
const cmdletTable: Record<string, CmdletHandler> = Object.fromEntries([
  ...Object.entries(membership.cmdlets ?? {}).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.membership, call, io)]),
  ...Object.entries(directoryClient.cmdlets ?? {}).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.directoryClient, call, io)]),
  ...Object.entries(storage.cmdlets ?? {}).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.storage, call, io)]),
  ...Object.entries(clusterCmdlets).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.cluster, call, clusterHost(state, io))]),
  ...Object.entries(validationCmdlets).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.validation, call, validationHost(state, io))]),
  ...Object.entries(hypervCmdlets).map(([name, handler]) => [
    name,
    (state: NodeActorState, call: CmdletCall, io: Io) => {
      handler(state.hyperv, call, hypervHost(state, io));
      persistHyperV(state.hyperv, hypervHost(state, io));
    },
  ]),
  ...Object.entries(csvCmdlets).map(([name, handler]) => [name, (state: NodeActorState, call: CmdletCall, io: Io) => handler(state.csv, call, csvHost(state, io))]),
]);

/** Cluster networks first, then client networks: cluster traffic prefers the cluster-only networks (facts §12). */
const networkPreference = { ClusterOnly: 0, ClusterAndClient: 1, None: 2 } as const;

/** What the cluster service may use of the node: its io, its initiator, its routes, its failure detector. */
function clusterHost(state: NodeActorState, io: Io): ClusterHost {
  const roleOf = new Map(state.config.networks.map((n) => [n.name, networkPreference[n.role]]));
  return {
    io,
    storage: state.storage,
    networksTo: (peer) => networksUpTo(state.membership, peer).sort((a, b) => (roleOf.get(a) ?? 2) - (roleOf.get(b) ?? 2)),
    watchPeers: (peers) => watchPeers(state.membership, peers, io),
    setHeartbeatSettings: (settings) => setHeartbeatSettings(state.membership, settings),
    lastValidation: () => lastValidationOf(state.validation),
    hyperv: { state: state.hyperv, host: hypervHost(state, io) },
    csvAccessible: (disk) => csvAccessible(state.csv, disk),
    stopHeartbeats: () => stopHeartbeats(state.membership),
    interfaceOn: (clusterNetwork) => {
      const adapter = labNetworkOf(state.config.networks, clusterNetwork)?.name;
      if (adapter === undefined) return undefined;
      const name = interfaceName(state.config.name, adapter);
      return { name, state: state.membership.networks?.interfaces[name], networkState: state.membership.networks?.networks[clusterNetwork] };
    },
    peerLeft: (peer) => peerLeft(state.membership, peer, io),
    powerOff: () => {
      state.poweredOff = true;
      io.emit({ type: 'MachinePoweredOff', node: state.config.name });
    },
  };
}

/** What Test-Cluster may use of the node: its io, its config, its initiator, its domain membership. */
function validationHost(state: NodeActorState, io: Io): ValidationHost {
  return { io, config: state.config, storage: state.storage, membership: state.directoryClient.config ? state.directoryClient.membership : undefined };
}

/** What the Hyper-V host may use of the node: its io and its routes (live migration's networks). */
function hypervHost(state: NodeActorState, io: Io): HyperVHost {
  const directory = state.config.directory;
  return {
    io: io as ActorIo<HyperVTimer>,
    networksTo: (peer) => networksUpTo(state.membership, peer),
    networkFacts: () => state.config.networks,
    clusterMigrationSetting: () => (state.cluster.identity ? readClusterMigrationSetting(state.cluster.gum.copy.entries) : undefined),
    directory: () => (directory === undefined ? undefined : { controller: directory.controller, network: directory.network }),
  };
}

/** What the CSV subsystem may use of the node: its io, its initiator, its cluster service (read only), its routes. */
function csvHost(state: NodeActorState, io: Io): CsvHost {
  return { io, storage: state.storage, cluster: state.cluster, networksTo: (peer) => clusterHost(state, io).networksTo(peer) };
}

/**
 * Whether a VM's storage answers here (hyperv/storage-health.ts), judged on every CSV tick (3 s,
 * which runs whether or not the node has a CSV): a CSV while this node can use it, not once it is
 * Unavailable (the cluster service lost the cluster) and unknown while it is paused (its I/O is
 * queued, facts §13); a clustered disk not once the service is out of the cluster.
 */
function storageHealth(state: NodeActorState): StorageHealth {
  const cluster = state.cluster;
  return {
    storageUp: (vm) => {
      const disk = vm.config.storage;
      const volume = state.csv.volumes[disk];
      if (volume !== undefined) return csvAccessible(state.csv, disk) ? true : volume.StateInfo === 'Unavailable' ? false : undefined;
      if (cluster.view === null) return vm.config.clustered ? false : undefined;
      return cluster.rcm.hosted[disk]?.state === 'Online' ? true : undefined;
    },
    mayResume: (vm) => !vm.config.clustered || (databaseCurrent(cluster) && cluster.gum.copy.entries[`Groups/${vm.config.name}/OwnerNode`] === cluster.config.name),
  };
}

function onFrame(state: NodeActorState, frame: FrameIn, io: Io): void {
  if (membership.onMessage?.(state.membership, frame, io)) return;
  if (directoryClient.onMessage?.(state.directoryClient, frame, io)) return;
  if (storage.onMessage?.(state.storage, frame, io)) return;
  if (onValidationMessage(state.validation, frame, validationHost(state, io))) return;
  if (onCsvMessage(state.csv, frame, csvHost(state, io))) return;
  if (onHyperVFrame(state.hyperv, frame, hypervHost(state, io))) return;
  if (onMigrationAuthFrame(state.hyperv, frame, hypervHost(state, io))) return;
  if (onClusterDirectoryFrame(state.cluster, frame, clusterHost(state, io))) return;
  if (isClusterMessage(frame.message)) return onClusterMessage(state.cluster, frame.source, frame.message, clusterHost(state, io));
  io.probe(`node ignored a ${frame.message.type} it has no subsystem for`);
}

function onTimer(state: NodeActorState, timer: NodeTimer, io: Io): void {
  switch (timer.subsystem) {
    case 'membership':
      membership.onTimer?.(state.membership, timer, io);
      return;
    case 'directoryClient':
      directoryClient.onTimer?.(state.directoryClient, timer, io);
      return;
    case 'storage':
      storage.onTimer?.(state.storage, timer, io);
      return;
    case 'validation':
      onValidationTimer(state.validation, timer, validationHost(state, io));
      return;
    case 'hyperv':
      onHyperVTimer(state.hyperv, timer, hypervHost(state, io));
      return;
    case 'csv':
      onCsvTimer(state.csv, timer, csvHost(state, io));
      applyStorageHealth(state.hyperv, io as ActorIo<HyperVTimer>, storageHealth(state));
      return;
    case 'cluster':
    case 'arbitration':
      onClusterTimer(state.cluster, timer, clusterHost(state, io));
      return;
    default:
      assertNever(timer, 'node timer');
  }
}

/** After every step: storage completions to the subsystem named in their tag, connectivity changes to the regroup. */
function routeNotifications(state: NodeActorState, io: Io): void {
  const completions = takeCompletions(state.storage);
  if (completions.length > 0) onArbitrationCompletions(state.cluster, completions, clusterHost(state, io));
  if (completions.length > 0) onValidationCompletions(state.validation, completions, validationHost(state, io));
  if (completions.length > 0) onCsvCompletions(state.csv, completions, csvHost(state, io));
  if (completions.length > 0) onWorkloadCompletions(state.cluster, clusterHost(state, io), completions);
  // The cluster's answer to a notice may make the host report again (a cut-over resumes the VM): bounded.
  for (let round = 0; round < 8; round++) {
    const notices = takeNotices(state.hyperv);
    if (notices.length === 0) break;
    onHyperVReports(state.cluster, notices, clusterHost(state, io));
  }
  // The roles are set in the node's configuration itself, which live migration reads too (networkFacts).
  if (applyNetworkRoles(state.cluster)) rebuildRoutes(state.membership, io);
  const changes = takeConnectivityChanges(state.membership);
  if (changes.length > 0) onConnectivity(state.cluster, changes, clusterHost(state, io));
}

/** Stop-Computer: the OS shuts down, which stops the cluster service cleanly first, then turns the machine off. */
function stopComputer(state: NodeActorState, requestId: string, parameters: Record<string, unknown>, io: Io): void {
  const error = checkStopComputer(parameters, state.config.name);
  if (error) return io.reply(requestId, { ok: false, error });
  io.reply(requestId, { ok: true, output: null });
  shutDown(state.cluster, clusterHost(state, io));
}

function onCommand(state: NodeActorState, requestId: string, command: LabCommand, io: Io): void {
  switch (command.type) {
    case 'Inspect':
      io.reply(requestId, { ok: true, output: state });
      return;
    case 'WorkloadWrite':
      return workloadWrite(state.cluster, clusterHost(state, io), requestId, command);
    case 'WorkloadRead':
      return workloadRead(state.cluster, clusterHost(state, io), requestId, command);
    case 'Cmdlet': {
      if (command.name === 'Stop-Computer') return stopComputer(state, requestId, command.parameters, io);
      if (command.name === 'Get-ClusterNetwork' && command.parameters.$assignment !== undefined) return setClusterNetworkRole(state.cluster, { requestId, parameters: command.parameters }, clusterHost(state, io));
      const handler = cmdletTable[command.name];
      if (handler) return handler(state, { requestId, parameters: command.parameters }, io);
      io.reply(requestId, {
        ok: false,
        error: { category: 'NotImplemented', errorId: 'CmdletNotImplemented', message: `${command.name} is not implemented by the wsfc-lab node agent yet.` },
      });
      return;
    }
    default:
      assertNever(command, 'lab command');
  }
}

export const nodeActor: ActorDefinition<NodeConfig, NodeActorState, NodeMessage, NodeTimer> = {
  kind: 'node',
  accepts: NodeAccepts,

  init(config, rawIo) {
    // Every event the node emits is also a line of its cluster.log (Get-ClusterLog).
    const first: ClusterLogHolder = {};
    const io = clusterLogIo(first, rawIo);
    const state: NodeActorState = {
      config,
      membership: membership.init(config, io),
      directoryClient: directoryClient.init(config, io),
      storage: storage.init(config, io),
      cluster: initCluster(config, io as ActorIo<never>),
      validation: initValidation(config, io.store),
      csv: initCsv(config.name, io),
      hyperv: initHyperV(config, { io: io as ActorIo<HyperVTimer>, networksTo: () => [] }),
    };
    state.cluster.clusterLog ??= first.clusterLog;
    startCluster(state.cluster, clusterHost(state, io));
    routeNotifications(state, io);
    return state;
  },

  step(state, input, rawIo) {
    const io = clusterLogIo(state.cluster, rawIo);
    // A machine that is off answers nothing; the lab can still look inside it.
    if (state.poweredOff && !(input.type === 'Command' && input.command.type === 'Inspect')) return;
    switch (input.type) {
      case 'Frame':
        onFrame(state, input, io);
        break;
      case 'Timer':
        onTimer(state, input.timer, io);
        break;
      case 'Command':
        onCommand(state, input.requestId, input.command, io);
        break;
      default:
        assertNever(input, 'node input');
    }
    routeNotifications(state, io);
  },

  checkInvariants(state) {
    membership.checkInvariants?.(state.membership);
    directoryClient.checkInvariants?.(state.directoryClient);
    storage.checkInvariants?.(state.storage);
    checkClusterInvariants(state.cluster);
    checkValidationInvariants(state.validation);
    checkCsvInvariants(state.csv);
    checkHyperVInvariants(state.hyperv);
  },
};
