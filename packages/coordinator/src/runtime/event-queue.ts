// A bounded binary min-heap ordered by (atMs, seq): items with equal times come out in the order
// they were scheduled, which is what makes timers with equal deadlines deterministic (STYLE 6).
import { limits } from '@wsfc-lab/protocol';

export interface Scheduled {
  atMs: number;
  seq: number;
}

/** An item before the queue gives it its sequence number (distributes over unions). */
export type Unscheduled<T> = T extends unknown ? Omit<T, 'seq'> : never;

export class EventQueue<T extends Scheduled> {
  private heap: T[] = [];
  private nextSeq = 0;

  constructor(private readonly capacity: number = limits.schedulerQueueMax) {}

  get size(): number {
    return this.heap.length;
  }

  /** Schedules an item; returns false (and drops it) when the queue is full. */
  push(item: Unscheduled<T>): boolean {
    if (this.heap.length >= this.capacity) return false;
    const full = { ...item, seq: this.nextSeq++ } as T;
    this.heap.push(full);
    this.up(this.heap.length - 1);
    return true;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  pop(): T | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private less(a: T, b: T): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  private up(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i] as T, heap[parent] as T)) break;
      [heap[i], heap[parent]] = [heap[parent] as T, heap[i] as T];
      i = parent;
    }
  }

  private down(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.less(heap[left] as T, heap[smallest] as T)) smallest = left;
      if (right < heap.length && this.less(heap[right] as T, heap[smallest] as T)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest] as T, heap[i] as T];
      i = smallest;
    }
  }
}
