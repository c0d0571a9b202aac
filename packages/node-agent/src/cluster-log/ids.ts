// The two hex fields of a cluster.log line are the process ID of the Cluster service and the ID of
// the thread that wrote the line (facts §16.2). The lab has neither, so it derives stable pseudo
// ones: one process ID per node (from its name) and one thread per component of that node, so a
// reader can follow one component's lines by its thread ID as in a real log. Windows process and
// thread IDs are multiples of 4, and so are these.

/** FNV-1a, 32 bits: a small, stable string hash (no randomness, no state). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A multiple of 4 in [low, low + span * 4). */
function idIn(hash: number, low: number, span: number): number {
  return low + (hash % span) * 4;
}

/** The node's Cluster service process ID: a multiple of 4 in 0x400..0xfffc, the same on every run. */
export function pseudoProcessId(node: string): number {
  return idIn(fnv1a32(`clussvc:${node.toLowerCase()}`), 0x400, (0x10000 - 0x400) / 4);
}

/** The thread that writes `component`'s lines on `node`: a multiple of 4 in 0x1000..0xfffc. */
export function pseudoThreadId(node: string, component: string): number {
  return idIn(fnv1a32(`${node.toLowerCase()}/${component}`), 0x1000, (0x10000 - 0x1000) / 4);
}

/** Eight lowercase hex digits, as cluster.log prints both IDs. */
export function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
