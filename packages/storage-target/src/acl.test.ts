// The access list: the InitiatorId forms of Set-IscsiServerTarget and how the lab matches each.
import test from 'ava';
import { initiatorAllowed, parseInitiatorId, parseInitiatorIds, type InitiatorId } from './acl.js';

const who = { initiatorName: 'iqn.1991-05.com.microsoft:node01.wsfc.local', node: 'node01', address: '10.0.2.5' };
const ids = (...texts: string[]): InitiatorId[] => {
  const parsed = parseInitiatorIds(texts);
  if (!parsed.ok) throw new Error(parsed.why);
  return parsed.ids;
};

const matches: [string, boolean][] = [
  ['IQN:iqn.1991-05.com.microsoft:node01.wsfc.local', true],
  ['iqn:IQN.1991-05.COM.MICROSOFT:NODE01.WSFC.LOCAL', true],
  ['IQN:iqn.1991-05.com.microsoft:node02.wsfc.local', false],
  ['IQN:*', true],
  ['DNSName:node01.wsfc.local', true],
  ['DNSName:node02.wsfc.local', false],
  ['IPAddress:10.0.2.5', true],
  ['IPAddress:10.0.2.10', false],
  ['MACAddress:00-15-5D-01-02-03', false],
  ['node01', true],
  ['NODE01', true],
  ['node02', false],
];

for (const [text, expected] of matches) {
  test(`InitiatorId ${text} ${expected ? 'admits' : 'does not admit'} node01`, (t) => {
    t.is(initiatorAllowed(ids(text), who), expected);
  });
}

test('a bare machine name matches the sending machine, not the IQN it claims', (t) => {
  t.false(initiatorAllowed(ids('node01'), { ...who, node: 'node02' }));
});

test('malformed InitiatorIds are refused with the reason', (t) => {
  t.like(parseInitiatorId('WWN:50:01'), { ok: false, why: 'has IdType "WWN", not one of DNSName, IPAddress, IPv6Address, IQN, MACAddress' });
  t.like(parseInitiatorId('IQN:'), { ok: false, why: 'has an empty value' });
  t.like(parseInitiatorId('not a name'), { ok: false });
  t.like(parseInitiatorIds(Array(300).fill('node01')), { ok: false });
});
