// A YAML file kept as a document with positions, so that any key path found wrong later (by zod
// or by a cross-check) can be turned back into the line the user wrote it on. The `yaml`
// package's LineCounter maps the offsets of each node's range to 1-based lines.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { describeValue, type ConfigIssue } from './issues.js';

export type KeyPath = readonly (string | number)[];

const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `steps[2].fault.kill`; keys that are not plain words are quoted: `addresses["10.0.0.1"]`. */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (plainKey.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

interface Located {
  /** The deepest node reached along the path. */
  node: Node | undefined;
  /** The key node of the last map entry reached, when the last step was into a map. */
  keyNode: Node | undefined;
  /** How many segments of the path were found. */
  depth: number;
}

export class YamlSource {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly startLine: number,
  ) {}

  /** Parses `text`; a syntax error gives issues with their lines and no source. */
  static parse(text: string, file: string): { source: YamlSource; syntaxIssues: ConfigIssue[] } {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(file, doc, lineCounter, firstContentLine(text));
    const syntaxIssues = doc.errors.map((error) => ({
      file,
      line: lineCounter.linePos(error.pos[0]).line,
      key: '',
      value: undefined,
      message: `YAML syntax error: ${error.message.split('\n')[0] ?? error.message}`,
    }));
    return { source, syntaxIssues };
  }

  private plain: { data: unknown } | undefined;

  /** The document as plain data (maps become objects, sequences arrays). Do not mutate it. */
  data(): unknown {
    this.plain ??= { data: this.doc.toJS({ maxAliasCount: 100 }) as unknown };
    return this.plain.data;
  }

  /** The line of the value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: KeyPath): number {
    const { node } = this.locate(path);
    return this.lineOfNode(node);
  }

  /** The line of the key of the last segment (for an unknown key); else as `lineOf`. */
  keyLineOf(path: KeyPath): number {
    const found = this.locate(path);
    if (found.depth === path.length && found.keyNode !== undefined) return this.lineOfNode(found.keyNode);
    return this.lineOfNode(found.node);
  }

  /**
   * An issue at the value of `path` (at its key with `atKey`; at the key of the map it is missing
   * from with `missing`). The value is read from the file unless given.
   */
  issue(path: KeyPath, message: string, options: { value?: unknown; atKey?: boolean; missing?: boolean } = {}): ConfigIssue {
    const value = 'value' in options ? options.value : this.valueAt(path);
    const line =
      options.missing === true ? this.keyLineOf(path.slice(0, -1)) : options.atKey === true ? this.keyLineOf(path) : this.lineOf(path);
    return { file: this.file, line, key: formatKeyPath(path), value: shortValue(value), message };
  }

  valueAt(path: KeyPath): unknown {
    let value: unknown = this.data();
    for (const segment of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string | number, unknown>)[segment];
    }
    return value;
  }

  private lineOfNode(node: Node | undefined): number {
    const offset = node?.range?.[0];
    return offset === undefined ? this.startLine : this.lineCounter.linePos(offset).line;
  }

  private locate(path: KeyPath): Located {
    let node: Node | undefined = (this.doc.contents as Node | null) ?? undefined;
    let keyNode: Node | undefined;
    let depth = 0;
    for (const segment of path) {
      if (node !== undefined && isAlias(node)) node = node.resolve(this.doc) as Node | undefined;
      const next = this.child(node, segment);
      if (next === undefined) break;
      node = next.node;
      keyNode = next.keyNode;
      depth++;
    }
    return { node, keyNode, depth };
  }

  private child(node: Node | undefined, segment: string | number): { node: Node | undefined; keyNode: Node | undefined } | undefined {
    if (node !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return undefined;
      const keyNode = pair.key as Node;
      // A key written with no value (`cluster:`) has a null value node; point at the key then.
      const value = (pair.value as Node | null) ?? keyNode;
      return { node: value, keyNode };
    }
    if (node !== undefined && isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      return item === undefined ? undefined : { node: item, keyNode: undefined };
    }
    return undefined;
  }
}

function firstContentLine(text: string): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  return index < 0 ? 1 : index + 1;
}

/** Scalars as they are; maps and lists as their short rendering, so issues stay small. */
function shortValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return describeValue(value);
}
