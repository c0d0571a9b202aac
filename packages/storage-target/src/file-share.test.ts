// The host as the file server of a file share witness: it grants claims by the witness's rule,
// keeps the record across its own restart, and refuses a share it does not have by name.
import test from 'ava';
import type { NodeMessage } from '@wsfc-lab/protocol';
import { labConfig, TargetBench } from './_harness.js';

const withShare = { ...labConfig, shares: ['witness'] };

function claim(bench: TargetBench, from: string, o: { viewNumber: number; previousViewNumber: number; coordinator: string; share?: string; cluster?: string }): Extract<NodeMessage, { type: 'FileShareWitnessAnswer' }> {
  const answers = bench.frame(from, {
    type: 'FileShareWitnessClaim',
    requestId: bench.nextRequestId(),
    share: o.share ?? 'witness',
    cluster: o.cluster ?? 'wsfc-cluster',
    claim: { viewNumber: o.viewNumber, previousViewNumber: o.previousViewNumber, coordinator: o.coordinator },
  });
  const answer = answers.find((m) => m.type === 'FileShareWitnessAnswer');
  if (answer?.type !== 'FileShareWitnessAnswer') throw new Error(`no answer: ${JSON.stringify(answers)}`);
  return answer;
}

test('two halves of view 4 race for the share: the first wins view 5, the second (knowing only view 4) is refused', (t) => {
  const bench = new TargetBench({ config: withShare });
  t.true(claim(bench, 'node01', { viewNumber: 5, previousViewNumber: 4, coordinator: 'node01' }).granted);
  const second = claim(bench, 'node02', { viewNumber: 5, previousViewNumber: 4, coordinator: 'node02' });
  t.false(second.granted);
  t.regex(second.why, /last granted view 5 \(leader node01, after view 4\)/);
  t.true(claim(bench, 'node01', { viewNumber: 6, previousViewNumber: 5, coordinator: 'node01' }).granted, 'the winner goes on from its view');
});

test('the record survives the server restarting, and a share it does not have is the network path not found', (t) => {
  let bench = new TargetBench({ config: withShare });
  t.true(claim(bench, 'node01', { viewNumber: 7, previousViewNumber: 6, coordinator: 'node01' }).granted);
  bench = bench.restart(withShare);
  t.false(claim(bench, 'node02', { viewNumber: 7, previousViewNumber: 6, coordinator: 'node02' }).granted);
  const missing = claim(bench, 'node02', { viewNumber: 1, previousViewNumber: 0, coordinator: 'node02', share: 'nosuch' });
  t.false(missing.granted);
  t.regex(missing.why, /\\\\host\\nosuch: The network path was not found\./);
  t.false(claim(bench, 'node02', { viewNumber: 9, previousViewNumber: 8, coordinator: 'node02', cluster: 'other' }).granted, "another cluster's claim");
});
