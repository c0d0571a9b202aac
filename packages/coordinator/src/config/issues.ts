// A problem in a lab or scenario file, as the user must see it: the file, the line, the key path
// and the bad value, in one line (STYLE 13). Every check of a file collects all of its issues
// instead of stopping at the first, so one run of `lab run` shows everything to fix.

export interface ConfigIssue {
  file: string;
  /** 1-based line; 0 when the file could not be read at all. */
  line: number;
  /** The key path, e.g. `steps[2].fault.kill`; empty for the file as a whole. */
  key: string;
  /** The bad value as written (a short rendering for maps and lists); undefined when missing. */
  value: unknown;
  /** What is wrong, naming the value. */
  message: string;
}

export type ConfigResult<T> = { ok: true; value: T } | { ok: false; errors: ConfigIssue[] };

/** `scenario.yaml:7: steps[2].fault.kill: unknown machine "node09" (the lab has node01, …)` */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  return issue.key === '' ? `${where}: ${issue.message}` : `${where}: ${issue.key}: ${issue.message}`;
}

const shownCharsMax = 60;

/** A value as a message quotes it: strings in double quotes, the rest as short JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const kind = Array.isArray(value) ? 'a list' : 'a map';
  const json = JSON.stringify(value) ?? '';
  return json.length <= shownCharsMax ? `${kind} ${json}` : `${kind} ${json.slice(0, shownCharsMax - 1)}…`;
}

/** A list of names for a message: `node01, node02, host`. */
export function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment),
 * for "did you mean" suggestions on short names. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The closest candidate when it is close enough to be a typo, compared without case. */
export function closestName(typed: string, candidates: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(lower, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  return best !== undefined && best.distance <= allowed ? best.name : undefined;
}

const hintNamesMax = 16;

/** ` (did you mean "within"?)` or ` (known: a, b, c)`, for an unknown name; long lists are not shown. */
export function unknownNameHint(typed: string, candidates: readonly string[]): string {
  const close = closestName(typed, candidates);
  if (close !== undefined) return ` (did you mean "${close}"?)`;
  return candidates.length <= hintNamesMax ? ` (known: ${listNames(candidates)})` : '';
}

/** Issues in the order of the files they were first found in, and by line within a file. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  const fileOrder = new Map<string, number>();
  for (const issue of issues) if (!fileOrder.has(issue.file)) fileOrder.set(issue.file, fileOrder.size);
  return [...issues].sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line);
}
