// Bad input (STYLE 8): a bad cmdlet argument never crashes an actor. Every cmdlet of the table goes
// to every machine of the default lab with seeded random arguments of the wrong shapes; each must
// be answered (success or a PowerShell-style error), and no actor may break an invariant.
import test from 'ava';
import { Prng } from '@wsfc-lab/protocol';
import { cmdletNames, findCmdlet } from '../cmdlets/names.js';
import { defaultLab } from '../config/mod.js';
import { buildLab } from './build-lab.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261123);

function wrongValue(prng: Prng, depth = 0): unknown {
  switch (prng.int(depth > 1 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return prng.int(2) === 0 ? -1 : 2 ** 53;
    case 2:
      return prng.pick(['', 'node09', '../../etc', 'x'.repeat(300), 'E', '0x00']);
    case 3:
      return prng.int(2) === 0;
    case 4:
      return Number.NaN;
    case 5:
      return 3.5;
    case 6:
      return [wrongValue(prng, depth + 1), wrongValue(prng, depth + 1)];
    default:
      return { kind: 'hashTable', entries: { a: wrongValue(prng, depth + 1) } };
  }
}

test('every cmdlet with random wrong arguments is answered by every machine, and nothing breaks', async (t) => {
  const prng = new Prng(seed);
  const built = buildLab(defaultLab());
  const runtime = new SimRuntime({ actors: built.actors, fabric: built.fabric, seed });
  await runtime.start();
  await runtime.runUntil(() => false, 3000);
  let sent = 0;
  try {
    for (const name of cmdletNames()) {
      const cmdlet = findCmdlet(name);
      for (const machine of built.actors.map((a) => a.id)) {
        const parameters: Record<string, unknown> = {};
        for (const parameter of (cmdlet?.parameters ?? []).filter(() => prng.chance(1, 2)).slice(0, 4)) parameters[parameter.name] = wrongValue(prng);
        const reply = await runtime.command(machine, { type: 'Cmdlet', name, parameters });
        sent++;
        if (reply === undefined) return t.fail(`${machine} did not answer ${name} ${JSON.stringify(parameters)} (seed=${seed}; replay: FUZZ_SEED=${seed} npx ava ${import.meta.url})`);
        if (!reply.ok) t.true(reply.error.message.length > 0, `${name} on ${machine}: an error names what is wrong`);
      }
    }
  } finally {
    await runtime.stop();
  }
  t.log(`${sent} cmdlet calls answered (seed=${seed})`);
  t.true(sent > 1000);
});
