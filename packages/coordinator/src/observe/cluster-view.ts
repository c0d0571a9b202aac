// What the cluster believes, folded from the event stream alone (STYLE 20): each node's own view
// of the membership, as it reported it. Reading it never tells a node anything. A question about
// the cluster is answered as a cmdlet would be: by a node that is running and Up in its own view.
import type { HistoryEntry, NodeState } from '@wsfc-lab/protocol';

export interface Liveness {
  isAlive(actor: string): boolean;
  isPaused(actor: string): boolean;
}

export class ClusterView {
  private readonly views = new Map<string, Map<string, NodeState>>();

  constructor(private readonly nodeOrder: readonly string[]) {}

  apply(entry: HistoryEntry): void {
    const { event, source } = entry;
    switch (event.type) {
      case 'ActorStarted':
        this.views.delete(source);
        return;
      case 'ActorKilled':
      case 'ActorCrashed':
        this.views.delete(event.actor);
        return;
      case 'NodeStateChanged': {
        let view = this.views.get(source);
        if (!view) this.views.set(source, (view = new Map()));
        view.set(event.node, event.State);
        return;
      }
      default:
        return;
    }
  }

  /** The node that answers for the cluster: the first running node that is Up in its own view. */
  spokesman(liveness: Liveness): string | undefined {
    return this.nodeOrder.find((node) => liveness.isAlive(node) && !liveness.isPaused(node) && this.views.get(node)?.get(node) === 'Up');
  }

  /**
   * A node's State as the cluster reports it, or undefined when no node can answer. A node counts
   * as Up only once it has joined: the answering node sees it Up and it sees itself Up.
   */
  nodeState(node: string, liveness: Liveness): NodeState | undefined {
    const spokesman = this.spokesman(liveness);
    if (spokesman === undefined) return undefined;
    const state = this.views.get(spokesman)?.get(node) ?? 'Down';
    const joined = !liveness.isAlive(node) || this.views.get(node)?.get(node) === 'Up';
    if (state === 'Up' && node !== spokesman && !joined) return 'Joining';
    return state;
  }

  /** One observer's own view (for tests and the dashboard). */
  viewOf(observer: string): ReadonlyMap<string, NodeState> | undefined {
    return this.views.get(observer);
  }
}
