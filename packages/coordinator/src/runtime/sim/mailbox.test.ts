// A paused actor's mailbox is bounded (limits.mailboxDepthMax): frames past the bound are dropped
// and reported as FrameRejected (mailboxFull); its timers still wait, so it heartbeats on resume.
import test from 'ava';
import { limits } from '@wsfc-lab/protocol';
import { smallLab } from '../../testing/small-lab.js';
import { SimRuntime } from './sim-runtime.js';

test('sim: frames past mailboxDepthMax for a paused node are rejected and reported; its timers survive', async (t) => {
  const lab = smallLab({ nodeCount: 2, clusterNetworks: 1 });
  const flooder = { id: 'flooder', kind: 'node' as const, config: { network: 'Management' }, definitionModule: { url: new URL('../../testing/flood-actor.js', import.meta.url).href, exportName: 'floodActor' } };
  lab.fabric.attachments.flooder = ['Management'];
  const runtime = new SimRuntime({ actors: [...lab.actors, flooder], fabric: lab.fabric, seed: 9 });
  await runtime.start();
  await runtime.runUntil(() => false, 2000);
  await runtime.pause('node01', 5000);
  const extra = 7;
  await runtime.command('flooder', { type: 'Cmdlet', name: 'Start-Flood', parameters: { Target: 'node01', Count: limits.mailboxDepthMax + extra } });
  await runtime.runUntil(() => false, 10_000);
  type Routes = { membership: { routes: { lastSentSequence: number }[] } };
  const sentBy = () => (runtime.inspect('node01') as Routes).membership.routes[0]?.lastSentSequence ?? 0;
  const sentAtResume = sentBy();
  await runtime.runUntil(() => false, 15_000);
  t.true(sentBy() >= sentAtResume + 4, `node01's heartbeat timer survived the pause: ${sentAtResume} -> ${sentBy()} requests`);
  const rejected = runtime.history().filter((e) => e.source === 'node01' && e.event.type === 'FrameRejected' && e.event.reason === 'mailboxFull');
  // node02's heartbeats during the pause find the mailbox full too. A node02 frame already in flight
  // when the pause began may take a slot before the flood arrives, so one or two more of the
  // flood's frames can fall past the bound.
  const floodRejected = rejected.filter((e) => e.event.type === 'FrameRejected' && e.event.from === 'flooder').length;
  t.true(floodRejected >= extra && floodRejected <= extra + 2, `flood frames rejected: ${floodRejected}`);
  t.true(rejected.every((e) => e.event.type === 'FrameRejected' && ['flooder', 'node02'].includes(e.event.from)));
  const ticksAfterResume = runtime.history().filter((e) => e.source === 'node02' && e.atMs > 8000 && e.event.type === 'NodeStateChanged' && e.event.node === 'node01' && e.event.State === 'Down');
  t.is(ticksAfterResume.length, 0, 'node01 kept heartbeating after its pause, so node02 never removed it');
  t.deepEqual((runtime.inspect('node01') as { membership: { connected: string[] } }).membership.connected, ['node02']);
});
