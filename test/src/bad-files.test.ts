// Bad input (issue 3): a scenario with an unknown key, a bad duration, an unknown node or an
// unknown cmdlet exits 2 and names the file, the line, the key and the value.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLab } from './cli.js';

const directory = mkdtempSync(join(tmpdir(), 'wsfc-lab-bad-'));

const header = 'name: bad\nlab: default\nruntime: sim\nsteps:\n';
const cases: { name: string; steps: string; line: number; mention: RegExp }[] = [
  { name: 'unknown key', steps: '  - wait: 1s\n  - expect: { node: node01, Staet: Up }\n', line: 6, mention: /Staet/ },
  { name: 'bad duration', steps: '  - wait: 10 seconds\n', line: 5, mention: /10 seconds/ },
  { name: 'unknown node', steps: '  - wait: 1s\n  - fault: { kill: node09 }\n', line: 6, mention: /node09/ },
  { name: 'unknown cmdlet', steps: '  - run: Get-ClusterNoed\n', line: 5, mention: /Get-ClusterNoed/ },
];

for (const c of cases) {
  test(`${c.name}: exit 2 naming file:${c.line} and the value`, async (t) => {
    const file = join(directory, `${c.name.replace(/ /g, '-')}.yaml`);
    writeFileSync(file, header + c.steps);
    const result = await runLab(['run', file]);
    t.is(result.code, 2, result.stdout + result.stderr);
    t.true(result.stderr.includes(`${file}:${c.line}`), result.stderr);
    t.regex(result.stderr, c.mention);
    t.is(result.stdout, '', 'nothing ran');
  });
}

test('broken YAML exits 2 with its line', async (t) => {
  const file = join(directory, 'broken.yaml');
  writeFileSync(file, 'name: broken\nsteps:\n  - wait: [1s\n  - fault: kill\n');
  const result = await runLab(['run', file]);
  t.is(result.code, 2);
  t.regex(result.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+`));
});

test('a missing file and a bad flag exit 2 with a clear message', async (t) => {
  const missing = await runLab(['run', join(directory, 'nope.yaml')]);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /nope\.yaml/);
  const flag = await runLab(['run', join(directory, 'nope.yaml'), '--runtime', 'vmware']);
  t.is(flag.code, 2);
  t.regex(flag.stderr, /--runtime must be threads or sim, got "vmware"/);
});
