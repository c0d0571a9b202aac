// Broken lab and scenario files, made from valid ones (issue 7 item 4): text damage (an unclosed
// bracket, a tab in the indentation, a duplicated key, a cut-off file, a garbage line, nesting
// thousands deep, a huge number, an unknown key) and one wrong-typed value at any key path of the
// parsed file. The loaders must never throw, and every issue they report must name the file, the
// line and the key (empty only for a problem of the file as a whole, such as a YAML syntax error).
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';
import type { ConfigIssue } from '../config/mod.js';
import { formatKeyPath, type KeyPath } from '../config/yaml-source.js';

export interface BrokenFile {
  text: string;
  /** What was done to the valid file, for a failure message. */
  damage: string;
  /** The key path given a value of another type (a list for a name...): an issue must name it. */
  path?: KeyPath;
}

function lineAt(lines: string[], index: number, edit: (line: string) => string[]): string {
  return lines.flatMap((line, i) => (i === index ? edit(line) : [line])).join('\n');
}

const indentOf = (line: string): string => /^\s*/.exec(line)?.[0] ?? '';

/** Text damage at a line (or an offset) of `text`. */
export function textDamageArbitrary(text: string): fc.Arbitrary<BrokenFile> {
  const lines = text.split('\n');
  const line = fc.nat(Math.max(0, lines.length - 1));
  const damage = (name: string, at: number, edit: (l: string) => string[]): BrokenFile => ({ text: lineAt(lines, at, edit), damage: `${name} at line ${at + 1}` });
  return fc.oneof(
    line.map((at) => damage('unclosed bracket', at, (l) => [`${l.replace(/:\s*$/, ':')} [unclosed, {`])),
    line.map((at) => damage('tab indentation', at, (l) => [l.replace(/^ {1,2}/, '\t')])),
    line.map((at) => damage('duplicated key', at, (l) => [l, l])),
    line.map((at) => damage('garbage line', at, (l) => [l, `${indentOf(l)}: - ]]} &*! %`])),
    line.map((at) => damage('unknown key', at, (l) => [l, `${indentOf(l).replace('- ', '  ')}bogusKey: 1`])),
    fc.tuple(line, fc.constantFrom('1e400', '99999999999999999999999', '-1e400', '0x7fffffffffffffffff', '.nan', '-.inf')).map(([at, huge]) => damage(`number ${huge}`, at, (l) => [l.replace(/\d+(\.\d+)?/, huge)])),
    fc.tuple(line, fc.integer({ min: 50, max: 5000 })).map(([at, depth]) => damage(`nesting ${depth} deep`, at, (l) => [l, `${indentOf(l)}deep: ${'['.repeat(depth)}${']'.repeat(depth)}`])),
    fc.nat(text.length).map((cut) => ({ text: text.slice(0, cut), damage: `cut at character ${cut}` })),
  );
}

/** Every key path of the parsed file, maps' keys and lists' items alike. */
export function keyPathsOf(value: unknown, prefix: KeyPath = [], out: KeyPath[] = []): KeyPath[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...prefix, i]);
      keyPathsOf(item, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push([...prefix, key]);
      keyPathsOf(item, [...prefix, key], out);
    }
  }
  return out;
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (isScalar(value)) return typeName(value.value);
  if (isSeq(value) || Array.isArray(value)) return 'list';
  if (isMap(value) || typeof value === 'object') return 'map';
  return typeof value;
}

const wrongYamlValues: unknown[] = [null, '', 'nonsense', -1, 0, 1.5, 2 ** 64, 1e300, true, [], [1, 'x'], {}, { bogus: 1 }, 'x'.repeat(5000), 'node09', '10 seconds'];

/** One key path of `text` given a value of a wrong type or out of range. */
export function wrongValueDamageArbitrary(text: string): fc.Arbitrary<BrokenFile> {
  const paths = keyPathsOf(parse(text));
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...wrongYamlValues)).map(([path, value]) => {
    const doc = parseDocument(text);
    // A value of the same type (another name, another number) may be reported where it is used
    // instead (`unknown disk "nonsense"`), so only a change of type must be reported at the key.
    const typeChanged = typeName(doc.getIn(path)) !== typeName(value);
    doc.setIn(path, doc.createNode(value));
    const broken: BrokenFile = { text: doc.toString({ lineWidth: 0 }), damage: `${formatKeyPath(path)} set to ${JSON.stringify(value)?.slice(0, 40)}` };
    if (typeChanged) broken.path = path;
    return broken;
  });
}

export type IssueProblem = string;

/** What is wrong with one reported issue: it must name a file, a line within it and a key. */
export function issueProblems(issue: ConfigIssue, lineCountOf: (file: string) => number): IssueProblem[] {
  const problems: IssueProblem[] = [];
  if (typeof issue.file !== 'string' || issue.file === '') problems.push('names no file');
  const lines = lineCountOf(issue.file);
  if (!Number.isInteger(issue.line) || issue.line < 1 || issue.line > lines + 1) problems.push(`line ${issue.line} is not a line of the file (it has ${lines})`);
  if (typeof issue.key !== 'string') problems.push('names no key');
  if (typeof issue.message !== 'string' || issue.message.trim() === '') problems.push('has no message');
  return problems;
}

/** Is `key` (formatted) the mutated path, one of its ancestors or a descendant? */
export function keyRelatesTo(key: string, path: KeyPath): boolean {
  const target = formatKeyPath(path);
  return key === target || target.startsWith(key) || key.startsWith(target);
}
