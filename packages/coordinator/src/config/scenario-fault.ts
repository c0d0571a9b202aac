// A `fault:` step: the fault is picked by its one kind key, checked by that kind's schema, then
// every machine and network it names is looked up in the lab (spec "`fault:`").
import { parseDurationMs } from '@wsfc-lab/protocol';
import { z } from 'zod';
import { describeValue, unknownNameHint, type ConfigIssue } from './issues.js';
import { findMachine, findNetwork, findNode, networksOf, type NameLookup } from './lab-names.js';
import type { LabSpec } from './lab-types.js';
import { faultKeys, faultVariants, type FaultKey } from './scenario-schema.js';
import type { Fault } from './scenario-types.js';
import { validate } from './zod-issues.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

type ParsedFault<K extends FaultKey> = z.output<(typeof faultVariants)[K]>;

/** Resolves names against the lab, reporting each unknown one at its own path. */
class Resolver {
  constructor(
    private readonly lab: LabSpec | undefined,
    private readonly source: YamlSource,
    private readonly issues: ConfigIssue[],
  ) {}

  private use(path: KeyPath, typed: string, find: (lab: LabSpec, typed: string) => NameLookup): string {
    if (this.lab === undefined) return typed;
    const found = find(this.lab, typed);
    if (found.ok) return found.name;
    this.issues.push(this.source.issue(path, found.message));
    return typed;
  }

  machine(path: KeyPath, typed: string): string {
    return this.use(path, typed, findMachine);
  }

  node(path: KeyPath, typed: string): string {
    return this.use(path, typed, findNode);
  }

  network(path: KeyPath, typed: string): string {
    return this.use(path, typed, findNetwork);
  }

  /** A machine's NIC on a network: the machine must have one there. */
  nic(path: KeyPath, value: { node: string; network: string }): { node: string; network: string } {
    const node = this.machine([...path, 'node'], value.node);
    const network = this.network([...path, 'network'], value.network);
    if (this.lab !== undefined && findMachine(this.lab, value.node).ok && findNetwork(this.lab, value.network).ok && !networksOf(this.lab, node).includes(network)) {
      this.issues.push(this.source.issue([...path, 'network'], `${node} has no NIC on network "${network}" (it has ${networksOf(this.lab, node).join(', ')})`));
    }
    return { node, network };
  }

  groups(path: KeyPath, groups: string[][]): string[][] {
    const seen = new Map<string, number>();
    return groups.map((group, g) =>
      group.map((typed, m) => {
        const name = this.machine([...path, g, m], typed);
        const other = seen.get(name);
        if (other !== undefined && other !== g) this.issues.push(this.source.issue([...path, g, m], `machine "${name}" is already in group ${other}`));
        seen.set(name, g);
        return name;
      }),
    );
  }
}

function convert(key: FaultKey, parsed: unknown, path: KeyPath, resolve: Resolver): Fault {
  switch (key) {
    case 'kill':
    case 'restart': {
      const value = parsed as ParsedFault<'kill'> & ParsedFault<'restart'>;
      return { kind: key, target: resolve.machine([...path, key], key === 'kill' ? value.kill : value.restart) };
    }
    case 'pause': {
      const value = parsed as ParsedFault<'pause'>;
      return { kind: 'pause', target: resolve.machine([...path, 'pause'], value.pause), forMs: parseDurationMs(value.for) ?? 0 };
    }
    case 'partition': {
      const value = parsed as ParsedFault<'partition'>;
      const fault: Fault = { kind: 'partition', groups: resolve.groups([...path, 'partition'], value.partition) };
      if (value.network !== undefined) fault.network = resolve.network([...path, 'network'], value.network);
      return fault;
    }
    case 'heal':
      return { kind: 'heal' };
    case 'nicDown':
    case 'nicUp': {
      const value = parsed as ParsedFault<'nicDown'> & ParsedFault<'nicUp'>;
      return { kind: key, ...resolve.nic([...path, key], key === 'nicDown' ? value.nicDown : value.nicUp) };
    }
    case 'storagePathDown':
    case 'storagePathUp': {
      const value = parsed as ParsedFault<'storagePathDown'> & ParsedFault<'storagePathUp'>;
      return { kind: key, node: resolve.node([...path, key], key === 'storagePathDown' ? value.storagePathDown : value.storagePathUp) };
    }
    case 'loss': {
      const value = parsed as ParsedFault<'loss'>;
      return { kind: 'loss', network: resolve.network([...path, 'loss', 'network'], value.loss.network), percent: value.loss.percent };
    }
  }
}

/** The one fault kind key of a fault map, or the issue that says why there is none. */
function faultKeyOf(data: unknown, source: YamlSource, path: KeyPath): FaultKey | ConfigIssue {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return source.issue(path, `a fault is a map such as { kill: node01 }, got ${describeValue(data)}`);
  }
  const keys = Object.keys(data);
  const kinds = keys.filter((key): key is FaultKey => (faultKeys as string[]).includes(key));
  if (kinds.length === 1 && kinds[0] !== undefined) return kinds[0];
  if (kinds.length > 1) return source.issue([...path, kinds[1] ?? ''], `a fault has one kind, got ${kinds.join(' and ')}`, { atKey: true });
  const [first] = keys;
  if (first === undefined) return source.issue(path, `a fault needs one of ${faultKeys.join(', ')}`);
  return source.issue([...path, first], `unknown fault "${first}"${unknownNameHint(first, faultKeys)}`, { atKey: true });
}

/** The fault at `path`, or undefined when it is invalid (its issues are added to `issues`). */
export function faultFromFile(data: unknown, path: KeyPath, context: { source: YamlSource; lab: LabSpec | undefined; issues: ConfigIssue[] }): Fault | undefined {
  const key = faultKeyOf(data, context.source, path);
  if (typeof key !== 'string') {
    context.issues.push(key);
    return undefined;
  }
  const parsed = validate(faultVariants[key], data, context.source, path);
  if (!parsed.ok) {
    context.issues.push(...parsed.errors);
    return undefined;
  }
  const before = context.issues.length;
  const fault = convert(key, parsed.value, path, new Resolver(context.lab, context.source, context.issues));
  return context.issues.length === before ? fault : undefined;
}
