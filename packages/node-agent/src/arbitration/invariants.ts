// What must hold after every step (STYLE 9): exactly the commands and timers a disk's role waits
// for are outstanding, the tables are counted right and bounded, and a witness request is for a
// set this node belongs to.
import { assert } from '@wsfc-lab/protocol';
import { arbitrationLimits } from './limits.js';
import type { ArbitrationState, DiskState } from './types.js';

function checkDisk(s: ArbitrationState, disk: DiskState): void {
  const role = disk.role;
  const where = `arbitration of "${disk.disk}" on ${s.config.self} (${role.role})`;
  switch (role.role) {
    case 'Offline':
      assert(disk.awaiting === null, `${where}: a command is awaited while offline`);
      break;
    case 'Challenging':
      if (role.step === 'Wait') assert(disk.awaiting === null && disk.armed.ChallengeWait > 0, `${where}: waiting without its timer, or with a command in flight`);
      else assert(disk.awaiting !== null, `${where}: step ${role.step} awaits no command`);
      assert(role.members.includes(s.config.selfId), `${where}: its members do not include this node`);
      break;
    case 'Online': {
      const busy = role.op.op !== 'Idle';
      assert(busy === (disk.awaiting !== null), `${where}: op ${role.op.op} with ${disk.awaiting === null ? 'no' : 'a'} command in flight`);
      assert(disk.armed.DefenceCheck > 0 || role.checkWanted, `${where}: no defence check is scheduled`);
      break;
    }
    case 'Releasing':
      if (role.step === 'Linger') assert(disk.awaiting === null && disk.armed.Linger > 0, `${where}: lingering without its timer`);
      else assert(disk.awaiting !== null, `${where}: step ${role.step} awaits no command`);
      break;
  }
  if (disk.witness !== null) assert(disk.witness.members.includes(s.config.selfId), `${where}: witness arbitration ${disk.witness.arbitrationId} is for a set without this node`);
}

export function checkArbitrationInvariants(s: ArbitrationState): void {
  const disks = Object.values(s.disks);
  assert(disks.length <= arbitrationLimits.disksMax, `${s.config.self} arbitrates ${disks.length} disks, over disksMax`);
  assert(Object.keys(s.writes).length === s.writeCount, `${s.config.self}: writeCount ${s.writeCount} but ${Object.keys(s.writes).length} writes are in flight`);
  assert(s.writeCount <= arbitrationLimits.writesInFlightMax, `${s.config.self} has ${s.writeCount} writes in flight, over writesInFlightMax`);
  const awaited = disks.flatMap((d) => (d.awaiting === null ? [] : [d.awaiting]));
  assert(new Set(awaited).size === awaited.length, `${s.config.self}: two disks await the same command`);
  for (const disk of disks) checkDisk(s, disk);
}
