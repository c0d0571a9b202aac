// `pnpm lab` (issue 3): starts the default lab, shows the machines as they come up, answers
// cmdlets at a prompt, takes lab commands such as `kill`, and stops at the end of input.
import test from 'ava';
import { spawn } from 'node:child_process';
import { repoRoot } from './cli.js';

/** Types each line once the output so far matches its `when` (an expect-style dialogue). */
function interactive(args: string[], dialogue: { when: RegExp; text: string }[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/lab.mjs', ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let next = 0;
    const advance = () => {
      while (next < dialogue.length && dialogue[next]!.when.test(stdout)) child.stdin.write(`${dialogue[next++]!.text}\n`);
      if (next === dialogue.length) child.stdin.end();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      advance();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code: code ?? -1, stdout });
    });
  });
}

for (const runtime of ['threads', 'sim'] as const) {
  test.serial(`${runtime}: the default lab comes up, answers Get-ClusterNode, and a killed node goes Down`, async (t) => {
    // --time-scale 0.05: 10 s of heartbeats pass in about half a wall second.
    const { code, stdout } = await interactive(['--runtime', runtime, '--time-scale', '0.05'], [
      { when: /Type cmdlets/, text: 'Get-ClusterNode' },
      { when: /node02 2\s+Up/, text: 'kill node02' },
      { when: /was removed from the active failover cluster membership/, text: 'Get-ClusterNode' },
      { when: /node02 2\s+Down/, text: 'Get-ClusterNoed' },
      { when: /is not recognized/, text: 'exit' },
    ]);
    t.is(code, 0, stdout);
    t.regex(stdout, /host\s+is running \(iSCSI target server\)/);
    t.regex(stdout, /dc01\s+is running \(AD DS \+ DNS\)/);
    t.regex(stdout, /node01 cluster service: Up/);
    t.regex(stdout, /Name\s+Role\s+Address\s+State/);
    t.regex(stdout, /node01 1\s+Up\s+node02 2\s+Up/);
    t.regex(stdout, /killed node02/);
    t.regex(stdout, /node01: Cluster node 'node02' was removed from the active failover cluster membership/);
    t.regex(stdout, /node02 2\s+Down/);
    t.regex(stdout, /The term 'Get-ClusterNoed' is not recognized/);
    t.regex(stdout, /lab stopped/);
  });
}
