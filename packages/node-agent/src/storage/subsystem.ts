// The node's storage stack as one subsystem: the iSCSI initiator (sessions to the target, its
// favourites and portals), the disks it brings, the mount manager's drive letters, and the
// Storage and iSCSI cmdlets. Other subsystems (the cluster's disk arbitration) send storage
// commands through cluster-api.ts and get completions back through node.ts. Every entry point
// ends by settling the completions it produced (settle.ts).
import { microsoftInitiatorIqn } from '@wsfc-lab/storage-target';
import type { NodeConfig } from '../config.js';
import type { CmdletCall, NodeSubsystem } from '../subsystem.js';
import { onRequestTimeout, onTargetAnswer, isTargetAnswer } from './answers.js';
import { iscsiPortNumber, timingOf } from './config.js';
import { diskCmdlets } from './disk-cmdlets.js';
import { routeTo } from './discovery.js';
import { checkStorageInvariants } from './invariants.js';
import { iscsiCmdlets } from './iscsi-cmdlets.js';
import { loadMountDatabase } from './mount-manager.js';
import { loadDiscovery, loadOnlineDisks } from './persistence.js';
import { onNopTimer, onReconnectTimer, openSession } from './session.js';
import { settle } from './settle.js';
import { emptyCounters, sessionOf, type StorageIo, type StorageState, type StorageTimer } from './state.js';

export type { StorageState, StorageTimer } from './state.js';

function initialState(config: NodeConfig, io: StorageIo): StorageState {
  const storage = config.storage;
  const stored = loadDiscovery(io.store);
  const persistentTargets = stored?.persistentTargets ?? (storage?.persistentTargets ?? []).map((t) => ({ nodeAddress: t.nodeAddress, portalAddress: t.targetPortalAddress }));
  const mount = loadMountDatabase(io.store);
  if (mount.discarded) io.probe('stored mount database did not parse and was discarded');
  return {
    node: config.name,
    initiatorName: storage?.initiatorName ?? microsoftInitiatorIqn(config.name),
    addresses: { ...config.addresses },
    timing: timingOf(storage ?? { initiatorName: '', portalRoutes: [], targetPortals: [], persistentTargets: [] }),
    portalRoutes: [...(storage?.portalRoutes ?? [])],
    targetPortals: (stored?.targetPortals ?? storage?.targetPortals ?? []).map((address) => ({ address, portNumber: iscsiPortNumber })),
    knownTargets: persistentTargets.map((t) => ({ ...t })),
    persistentTargets,
    sessions: [],
    pending: {},
    pendingCount: 0,
    nextRequestNumber: 1,
    nextSessionNumber: 0,
    disks: [],
    mount: mount.db,
    onlineDisks: loadOnlineDisks(io.store),
    operations: [],
    settling: [],
    completions: [],
    counters: emptyCounters(),
  };
}

/** Binds a cmdlet handler so that what it produced is settled before the step ends. */
function settled(handler: (state: StorageState, call: CmdletCall, io: StorageIo) => void) {
  return (state: StorageState, call: CmdletCall, io: StorageIo): void => {
    handler(state, call, io);
    settle(state, io);
  };
}

export const storage: NodeSubsystem<StorageState, StorageTimer> = {
  name: 'storage',

  init(config, io) {
    const state = initialState(config, io);
    // The iSCSI service logs in to every favourite target as it starts (persistent logins).
    for (const favourite of state.persistentTargets) {
      const route = routeTo(state, favourite.portalAddress);
      if (!route) {
        io.probe('favourite target behind a portal with no route');
        continue;
      }
      openSession(state, io, { targetIqn: favourite.nodeAddress, portal: route, isPersistent: true, connectCmdlet: null, makePersistent: false, delayMs: 0 });
    }
    return state;
  },

  onMessage(state, frame, io) {
    if (!isTargetAnswer(frame.message)) return false;
    onTargetAnswer(state, io, { ...frame, message: frame.message });
    settle(state, io);
    return true;
  },

  onTimer(state, timer, io) {
    switch (timer.type) {
      case 'RequestTimeout':
        onRequestTimeout(state, io, timer.requestId);
        break;
      case 'NopOut': {
        const session = sessionOf(state, timer.targetIqn);
        if (session) onNopTimer(state, io, session);
        break;
      }
      case 'Reconnect': {
        const session = sessionOf(state, timer.targetIqn);
        if (session) onReconnectTimer(state, io, session);
        break;
      }
    }
    settle(state, io);
  },

  cmdlets: Object.fromEntries(Object.entries({ ...iscsiCmdlets, ...diskCmdlets }).map(([name, handler]) => [name, settled(handler)])),

  checkInvariants: checkStorageInvariants,
};
