// The JSON report of a scenario run (spec "The JSON report").
import { renderEvent, type HistoryEntry } from '@wsfc-lab/protocol';

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
   * the storage target's LUNs as `disk:` shows them. Empty when nothing could answer.
   */
  state: { nodes: unknown[]; groups: unknown[]; resources: unknown[]; vms: unknown[]; disks: unknown[]; cluster: Record<string, unknown> };
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
