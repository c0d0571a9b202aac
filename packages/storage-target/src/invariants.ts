// Per-actor invariants, which `sim` checks after every step (STYLE 9). The PRgeneration never
// going backwards is asserted where it can move: `persistentReserveOut` checks every transition.
import { assert, blockSizeBytes, storageLimits } from '@wsfc-lab/protocol';
import { checkReservationInvariants } from './reservations.js';
import type { StorageTargetState } from './state.js';

export function checkInvariants(state: StorageTargetState): void {
  assert(state.disks.size <= storageLimits.virtualDisksMax, `${state.disks.size} virtual disks, over virtualDisksMax ${storageLimits.virtualDisksMax}`);
  assert(state.targets.size <= storageLimits.targetsMax, `${state.targets.size} targets, over targetsMax ${storageLimits.targetsMax}`);
  assert(state.sessions.size <= storageLimits.sessionsMax, `${state.sessions.size} sessions, over sessionsMax ${storageLimits.sessionsMax}`);
  for (const [name, disk] of state.disks) {
    assert(disk.name === name, `disk keyed "${name}" is named "${disk.name}"`);
    assert(disk.sizeBytes === disk.sizeBlocks * blockSizeBytes, `disk "${name}" is ${disk.sizeBytes} bytes but ${disk.sizeBlocks} blocks`);
    checkReservationInvariants(disk.reservations, `disk "${name}"`);
  }
  for (const [key, target] of state.targets) {
    assert(key === target.name.toLowerCase(), `target keyed "${key}" is named "${target.name}"`);
    assert(target.luns.length <= storageLimits.lunsPerTargetMax, `target "${target.name}" maps ${target.luns.length} LUNs`);
    const luns = new Set<number>();
    for (const mapping of target.luns) {
      assert(!luns.has(mapping.lun), `target "${target.name}" maps LUN ${mapping.lun} twice`);
      assert(state.disks.has(mapping.disk), `target "${target.name}" LUN ${mapping.lun} maps missing disk "${mapping.disk}"`);
      luns.add(mapping.lun);
    }
  }
  for (const [sessionId, session] of state.sessions) {
    assert(session.sessionId === sessionId && sessionId >= 1 && sessionId <= 0xffff, `session keyed ${sessionId} has TSIH ${session.sessionId}`);
    assert(state.targets.has(session.target.toLowerCase()), `session 0x${sessionId.toString(16)} is on missing target "${session.target}"`);
  }
}
