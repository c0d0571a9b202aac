// The JSON report of a scenario run (spec "The JSON report").
import { renderEvent, type HistoryEntry } from '@wsfc-lab/protocol';
import type { MigrationRecord } from './migration-counts.js';

export interface StepReport {
  index: number;
  kind: string;
  ok: boolean;
  /** Simulated ms when the step ended. */
  atMs: number;
  detail: string;
  line?: number;
}

export interface Violation {
  rule: string;
  detail: string;
  atMs: number;
  /** What the checker saw, by field (a VM on two nodes: `{ vm, nodes, atMs }`). */
  evidence?: Record<string, unknown>;
}

export interface ReportEvent {
  atMs: number;
  source: string;
  Id: number;
  /** The System log's provider (Microsoft-Windows-FailoverClustering, iScsiPrt…). */
  Provider: string;
  Level: string;
  Message: string;
}

export interface ScenarioReport {
  scenario: string;
  ok: boolean;
  runtime: string;
  seed: number;
  simulatedMs: number;
  wallMs: number;
  steps: StepReport[];
  violations: Violation[];
  events: ReportEvent[];
  /**
   * The cluster when the run ended, read as `expect:` reads it (final-state.ts): Get-ClusterNode,
   * Get-ClusterGroup, Get-ClusterResource and Get-Cluster (with Get-ClusterQuorum) objects, and
   * the storage target's LUNs as `disk:` shows them, every VM as Get-VM on each running node lists
   * it. Empty when nothing could answer. `migrations` comes from the history (migration-counts.ts):
   * one entry per live or quick migration, with its outcome, passes, bytes and blackout.
   */
  state: { nodes: unknown[]; groups: unknown[]; resources: unknown[]; vms: unknown[]; disks: unknown[]; cluster: Record<string, unknown>; migrations: MigrationRecord[] };
  replay?: string;
}

/** System-log events (those with a real event ID), in time order. */
export function systemEvents(history: readonly HistoryEntry[]): ReportEvent[] {
  const events: ReportEvent[] = [];
  for (const entry of history) {
    const rendered = renderEvent(entry.event);
    if (rendered.Id === undefined) continue;
    events.push({ atMs: Math.round(entry.atMs), source: entry.source, Id: rendered.Id, Provider: rendered.Provider, Level: rendered.Level, Message: rendered.Message });
  }
  return events.sort((a, b) => a.atMs - b.atMs);
}
