// Scenario tests of the node's directory client against the real directory actor, on the `sim`
// runtime: the default lab (dc01, node01, node02, all joined) plus node03, a workgroup machine the
// directory knows nothing of. Cmdlet lines go through the same path as a scenario's `run:` steps;
// `klist` is a lab command, sent to the node as the runner would once the parser knows it.
import test from 'ava';
import { verifyTicket, type DirectoryConfig } from '@wsfc-lab/directory';
import type { NodeActorState, NodeConfig } from '@wsfc-lab/node-agent';
import type { CommandReply } from '@wsfc-lab/protocol';
import { defaultLab } from '../config/mod.js';
import { ClusterView } from '../observe/cluster-view.js';
import { SimRuntime } from '../runtime/sim/sim-runtime.js';
import { runCmdlet, type CmdletContext, type CmdletOutcome } from '../scenario/run-cmdlet.js';
import { buildLab } from './build-lab.js';

const hourMs = 3_600_000;
const password = 'P@ssw0rd!';

function startLab(seed: number) {
  const built = buildLab(defaultLab());
  const directory = built.actors.find((a) => a.kind === 'directory');
  const node01 = built.actors.find((a) => a.id === 'node01')?.config as NodeConfig | undefined;
  if (directory === undefined || node01?.directory === undefined) throw new Error('the default lab has no directory');
  const directoryConfig = directory.config as DirectoryConfig;
  directoryConfig.adminPassword = password;
  directoryConfig.machines.push({ name: 'node03', address: '172.16.1.15', joined: false });
  const node03: NodeConfig = {
    name: 'node03',
    id: 3,
    networks: node01.networks,
    addresses: { Management: '172.16.1.15' },
    peers: [],
    settings: node01.settings,
    directory: { ...node01.directory, joined: false },
  };
  built.actors.push({ id: 'node03', kind: 'node', config: node03 });
  built.fabric.attachments.node03 = ['Management'];
  built.machines.set('node03', 'node03');
  const runtime = new SimRuntime({ actors: built.actors, fabric: built.fabric, seed });
  const view = new ClusterView(built.nodes);
  runtime.onEntry((entry) => view.apply(entry));
  const ctx: CmdletContext = { lab: built, runtime, view };
  return { runtime, ctx, run: (line: string) => runCmdlet(line, ctx) };
}

/** A cmdlet's output objects: none on failure, one object as a list of one. */
const rows = (outcome: CmdletOutcome): Record<string, unknown>[] =>
  !outcome.ok || outcome.output === null ? [] : Array.isArray(outcome.output) ? outcome.output : [outcome.output as Record<string, unknown>];
const message = (outcome: CmdletOutcome | CommandReply | undefined) => (outcome === undefined || outcome.ok ? '' : 'message' in outcome ? outcome.message : outcome.error.message);
const nodeState = (runtime: SimRuntime, node: string) => runtime.inspect(node) as NodeActorState;
const klist = (runtime: SimRuntime, node: string, ...args: string[]) => runtime.command(node, { type: 'Cmdlet', name: 'klist', parameters: { $positional: args } });
const wait = (runtime: SimRuntime, ms: number) => runtime.runUntil(() => false, runtime.nowMs() + ms);

test('a member registers its own A record at start: a deleted record is back once the node restarts', async (t) => {
  const { runtime, run } = startLab(1);
  await runtime.start();
  await wait(runtime, 2000);
  t.is(nodeState(runtime, 'node01').directoryClient.registration.state, 'Registered');
  t.true((await run('Remove-DnsServerResourceRecord -ZoneName wsfc.local -RRType A -Name node01 -Force')).ok);
  t.regex(message(await run('Invoke-Command -ComputerName node02 -ScriptBlock { Resolve-DnsName node01 }')), /^node01 : DNS name does not exist$/);
  await runtime.restart('node01');
  await wait(runtime, 2000);
  const resolved = await run('Invoke-Command -ComputerName node02 -ScriptBlock { Resolve-DnsName node01 }');
  t.deepEqual(rows(resolved), [{ Name: 'node01.wsfc.local', Type: 'A', TTL: 1200, Section: 'Answer', IPAddress: '172.16.1.5' }]);
  const registered = runtime.history().find((e) => e.event.type === 'DnsRecordChanged' && e.event.name === 'node01.wsfc.local' && e.event.change === 'Registered');
  t.is(registered?.source, 'dc01');
  await runtime.stop();
});

test('Resolve-DnsName on a node: the real rows, and "<name> : DNS name does not exist" for NXDOMAIN', async (t) => {
  const { runtime, run } = startLab(2);
  await runtime.start();
  const ok = await run('Resolve-DnsName node02');
  t.deepEqual(rows(ok), [{ Name: 'node02.wsfc.local', Type: 'A', TTL: 1200, Section: 'Answer', IPAddress: '172.16.1.10' }]);
  t.is(ok.machine, 'node01', 'a machine cmdlet runs on node01 by default');
  t.is(message(await run('Resolve-DnsName nosuchhost')), 'nosuchhost : DNS name does not exist');
  t.deepEqual(rows(await run('Resolve-DnsName dc01.wsfc.local -Type A')).map((row) => row.IPAddress), ['172.16.1.1']);
  await runtime.stop();
});

test('Add-Computer on a workgroup node: a wrong domain and a wrong password are refused as the directory answers; the right ones join', async (t) => {
  const { runtime, run } = startLab(3);
  await runtime.start();
  const join = (domain: string, user: string, secret: string) =>
    run(`Invoke-Command -ComputerName node03 -ScriptBlock { Add-Computer -DomainName ${domain} -Credential @{ UserName = '${user}'; Password = '${secret}' } -PassThru }`);
  const wrongDomain = await join('contoso.com', 'CONTOSO\\Administrator', password);
  t.regex(message(wrongDomain), /^Computer 'node03' failed to join domain 'contoso\.com' from its current workgroup 'WORKGROUP' with following error message: The specified domain either does not exist or could not be contacted\./);
  const wrongPassword = await join('wsfc.local', 'WSFC\\Administrator', 'Summer2024');
  t.regex(message(wrongPassword), /with following error message: The user name or password is incorrect\./);
  t.false(message(wrongPassword).includes('Summer2024'), 'the password is never echoed');
  t.regex(message(await run('Get-ADComputer -Identity node03')), /Cannot find an object with identity: 'node03'/);
  const joined = await join('wsfc.local', 'WSFC\\Administrator', password);
  t.deepEqual(rows(joined), [{ HasSucceeded: true, ComputerName: 'node03' }]);
  t.like(rows(await run('Get-ADComputer -Identity node03'))[0], { Name: 'NODE03', Enabled: true });
  t.regex(message(await join('wsfc.local', 'WSFC\\Administrator', password)), /already in that domain/);
  // The join takes effect at the next start, when the DNS Client registers node03.
  t.regex(message(await run('Resolve-DnsName node03')), /DNS name does not exist/);
  await runtime.restart('node03');
  await wait(runtime, 2000);
  t.deepEqual(rows(await run('Resolve-DnsName node03')).map((row) => row.IPAddress), ['172.16.1.15']);
  await runtime.stop();
});

test('directory down: a ticket obtained before keeps working until it expires, anything new fails with a clear message; after a restart all works and nothing was lost', async (t) => {
  const { runtime, run } = startLab(4);
  await runtime.start();
  await wait(runtime, 2000);
  // Before: node01 gets a ticket for node02's file service and resolves node02 (cached for its TTL).
  t.true((await klist(runtime, 'node01', 'get', 'cifs/node02'))?.ok);
  const ticket = nodeState(runtime, 'node01').directoryClient.channel.tickets['cifs/node02'];
  if (ticket === undefined) return t.fail('node01 cached no ticket for cifs/node02');
  const obtainedAtMs = runtime.nowMs();
  t.true(Math.abs(ticket.expiresAtMs - obtainedAtMs - 10 * hourMs) < 1, 'the 10 h lifetime');
  t.true((await run('Resolve-DnsName node02')).ok);
  t.true((await run('Add-DnsServerResourceRecordA -Name web -ZoneName wsfc.local -IPv4Address 172.16.1.50')).ok);

  await runtime.kill('dc01');
  const killedAtMs = runtime.nowMs();
  // The cached ticket and the cached answer are used without asking anyone.
  t.true((await klist(runtime, 'node01', 'get', 'cifs/node02'))?.ok);
  t.true((await run('Resolve-DnsName node02')).ok);
  t.is(runtime.nowMs(), killedAtMs, 'no time spent waiting');
  // Anything new waits for the client's timeout and fails with the real client's text.
  const newTicket = await klist(runtime, 'node01', 'get', 'HOST/node02');
  t.regex(message(newTicket), /^klist failed with 0xc000005e\/-1073741730: There are currently no logon servers available to service the logon request\. \(No authority could be contacted for authentication\./);
  t.is(runtime.nowMs() - killedAtMs, 10_000, 'KdcWaitTime');
  t.regex(message(await run('Resolve-DnsName node03')), /^node03 : This operation returned because the timeout period expired/);
  t.regex(message(await run('Invoke-Command -ComputerName node03 -ScriptBlock { Add-Computer wsfc.local -Credential @{ UserName = "WSFC\\Administrator"; Password = "x" } }')), /The specified domain either does not exist or could not be contacted\./);

  // An hour on, node02 still accepts the ticket; the DNS answer (TTL 1200 s) has gone from the cache.
  await wait(runtime, hourMs);
  t.true(verifyTicket(ticket, runtime.nowMs(), 'cifs/node02').ok);
  t.true((await klist(runtime, 'node01', 'get', 'cifs/node02'))?.ok);
  t.regex(message(await run('Resolve-DnsName node02')), /timeout period expired/);

  // Within SkewTime of its end the client no longer reuses it, and the KDC is still down.
  await runtime.runUntil(() => false, ticket.expiresAtMs - 4 * 60_000);
  t.regex(message(await klist(runtime, 'node01', 'get', 'cifs/node02')), /no logon servers/);
  t.true(verifyTicket(ticket, runtime.nowMs(), 'cifs/node02').ok, 'the service accepts it until it expires');
  await runtime.runUntil(() => false, ticket.expiresAtMs);
  const expired = verifyTicket(ticket, runtime.nowMs(), 'cifs/node02');
  t.true(!expired.ok && expired.reason === 'KRB_AP_ERR_TKT_EXPIRED', 'past its 10 h lifetime it is refused');

  // restart: directory. New requests work again, and what AD keeps on disk survived.
  await runtime.restart('dc01');
  const fresh = await klist(runtime, 'node01', 'get', 'cifs/node02');
  t.true(fresh?.ok);
  const renewed = nodeState(runtime, 'node01').directoryClient.channel.tickets['cifs/node02'];
  t.true(renewed !== undefined && renewed.expiresAtMs > ticket.expiresAtMs);
  t.deepEqual(rows(await run('Resolve-DnsName node02')).map((row) => row.IPAddress), ['172.16.1.10']);
  t.deepEqual(rows(await run('Resolve-DnsName web')).map((row) => row.IPAddress), ['172.16.1.50'], 'a record added before the outage');
  t.like(rows(await run('Get-ADComputer -Identity node01'))[0], { Name: 'NODE01', Enabled: true });
  const loaded = runtime.history().filter((e) => e.event.type === 'DirectoryDatabaseLoaded');
  t.deepEqual(
    loaded.map((e) => e.event.type === 'DirectoryDatabaseLoaded' && e.event.restored),
    [false, true],
    'the restarted directory loaded its database from disk',
  );
  await runtime.stop();
});
