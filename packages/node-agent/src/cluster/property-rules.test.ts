import test from 'ava';
import { regroupDefaults } from '../regroup/mod.js';
import { checkRegroupRelations, convertValue, ruleFor, type ValueType } from './property-rules.js';

const threshold: ValueType = { kind: 'UInt32', range: [3, 120] };
const convert = (value: unknown, valueType: ValueType = threshold) => convertValue({ property: 'SameSubnetThreshold', object: 'wsfc-cluster', valueType, value });

test('names match without regard to case; read-only and lab-only properties are told apart from unknown ones', (t) => {
  t.like(ruleFor('Cluster', 'samesubnetthreshold'), { access: 'ReadWrite', name: 'SameSubnetThreshold' });
  t.like(ruleFor('Cluster', 'LowerQuorumPriorityNodeId'), { access: 'ReadWrite', name: 'LowerQuorumPriorityNodeID', quorum: true });
  t.like(ruleFor('Cluster', 'WitnessDynamicWeight'), { access: 'ReadOnly' });
  t.like(ruleFor('ClusterGroup', 'PersistentState'), { access: 'NotInLab' });
  t.like(ruleFor('ClusterNode', 'NodeWeight'), { access: 'ReadWrite', quorum: true });
  t.like(ruleFor('ClusterResource', 'RestartThreshold'), { access: 'ReadWrite' });
  t.is(ruleFor('Cluster', 'SameSubnetTreshold'), undefined);
});

test('PowerShell converts the value to UInt32 first: numeric strings pass, halves round to even', (t) => {
  t.deepEqual(convert('20'), { ok: true, value: 20 });
  t.deepEqual(convert(10.5), { ok: true, value: 10 });
  t.deepEqual(convert(11.5), { ok: true, value: 12 });
  t.deepEqual(convert(true, { kind: 'UInt32' }), { ok: true, value: 1 });
});

test('a value PowerShell cannot convert is refused with its own text, naming property and value', (t) => {
  const text = convert('abc');
  t.false(text.ok);
  if (!text.ok) t.is(text.error.message, 'Exception setting "SameSubnetThreshold": "Cannot convert value "abc" to type "System.UInt32". Error: "Input string was not in a correct format.""');
  const negative = convert(-1);
  if (!negative.ok) t.regex(negative.error.message, /Cannot convert value "-1" to type "System.UInt32"\. Error: "Value was either too large or too small for a UInt32\."/);
  else t.fail('-1 is not a UInt32');
  const list = convert([1, 2]);
  if (!list.ok) t.regex(list.error.message, /System\.Object\[\]/);
  else t.fail('an array is not a UInt32');
});

test('a value out of the cluster\'s range is refused naming the object, the property and the value', (t) => {
  const result = convert(200);
  t.false(result.ok);
  if (!result.ok) {
    t.is(result.error.errorId, 'ExceptionWhenSetting');
    t.is(
      result.error.message,
      `Exception setting "SameSubnetThreshold": "Unable to save property changes for 'wsfc-cluster'. A parameter value is out of acceptable range." (wsfc-lab: SameSubnetThreshold must be an integer from 3 to 120, got 200)`,
    );
  }
  t.true(convert(3).ok);
  t.true(convert(120).ok);
  t.false(convert(2).ok);
});

test('Priority takes only its four values; FailbackWindowStart is an Int32 from -1 to 23', (t) => {
  const priority = ruleFor('ClusterGroup', 'Priority');
  const window = ruleFor('ClusterGroup', 'FailbackWindowStart');
  if (priority?.access !== 'ReadWrite' || window?.access !== 'ReadWrite') return t.fail('both are writable');
  t.true(convertValue({ property: 'Priority', object: 'File Server', valueType: priority.valueType, value: 3000 }).ok);
  const odd = convertValue({ property: 'Priority', object: 'File Server', valueType: priority.valueType, value: 1500 });
  if (!odd.ok) t.regex(odd.error.message, /'File Server'.*Priority must be one of 0, 1000, 2000, 3000, got 1500/);
  else t.fail('1500 is not a priority');
  t.deepEqual(convertValue({ property: 'FailbackWindowStart', object: 'File Server', valueType: window.valueType, value: -1 }), { ok: true, value: -1 });
  t.false(convertValue({ property: 'FailbackWindowStart', object: 'File Server', valueType: window.valueType, value: 24 }).ok);
});

test('strings, string collections and booleans convert as PowerShell converts them', (t) => {
  t.deepEqual(convertValue({ property: 'Description', object: 'g', valueType: { kind: 'String' }, value: 42 }), { ok: true, value: '42' });
  t.deepEqual(convertValue({ property: 'AntiAffinityClassNames', object: 'g', valueType: { kind: 'StringCollection' }, value: 'sql' }), { ok: true, value: ['sql'] });
  t.deepEqual(convertValue({ property: 'SeparateMonitor', object: 'r', valueType: { kind: 'Boolean' }, value: 0 }), { ok: true, value: false });
  t.deepEqual(convertValue({ property: 'SeparateMonitor', object: 'r', valueType: { kind: 'Boolean' }, value: 'False' }), { ok: true, value: true }, 'a non-empty string is $true');
});

test('regroup stages must last two ticks: a tick of 1000 ms needs opening and stage timeouts of 2 s', (t) => {
  t.is(checkRegroupRelations(regroupDefaults), undefined);
  t.is(checkRegroupRelations({ ...regroupDefaults, ClusSvcRegroupTickInMilliseconds: 1000 }), undefined);
  t.regex(checkRegroupRelations({ ...regroupDefaults, ClusSvcRegroupTickInMilliseconds: 1000, ClusSvcRegroupOpeningTimeout: 1 }) ?? '', /ClusSvcRegroupOpeningTimeout of 1 s.*1000/);
});
