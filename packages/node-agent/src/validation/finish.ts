// The end of a run: the judge's report (judge.ts), its HTML written to the node's store under the
// report's real path (report-path.ts; C:\Windows\Cluster\Reports, where Failover Cluster Manager
// lists them), and the cmdlet answered with exactly what Test-Cluster prints (console.ts). The
// report is also kept as this node's last validation, which New-Cluster's gate reads. A node keeps
// at most reportsKeptMax reports; the oldest is emptied when a new one is written.
import type { DurableStore } from '@wsfc-lab/protocol';
import { renderTestClusterConsole } from './console.js';
import { validationErrors } from './errors.js';
import { renderValidationReportHtml } from './html.js';
import { judgeValidation, type ValidationReport } from './judge.js';
import type { NewClusterValidation } from './new-cluster-gate.js';
import { validationReportPath } from './report-path.js';
import { gatheredFacts } from './gather.js';
import { validationRunLimits, validationWallClock } from './timing.js';
import type { Run, ValidationHost, ValidationState } from './state.js';

/** The store key that lists the reports this node keeps, oldest first. */
export const reportIndexStoreKey = 'validation/reports';
/** The store key of the last report as data (New-Cluster's gate input), so it survives a restart as the report file does. */
export const lastValidationStoreKey = 'validation/last';

/** The last report kept in the store; anything that does not look like one is ignored. */
export function loadLastValidation(store: DurableStore): NewClusterValidation | undefined {
  const stored = store.get(lastValidationStoreKey) as { reportPath?: unknown; report?: { nodes?: unknown; tests?: unknown; status?: unknown } } | undefined;
  if (typeof stored !== 'object' || stored === null || typeof stored.reportPath !== 'string') return undefined;
  const report = stored.report;
  if (typeof report !== 'object' || report === null || !Array.isArray(report.nodes) || !Array.isArray(report.tests) || typeof report.status !== 'object') return undefined;
  return stored as NewClusterValidation;
}

function keepReport(store: DurableStore, path: string, html: string): void {
  const stored = store.get(reportIndexStoreKey);
  const index = (Array.isArray(stored) ? stored.filter((p): p is string => typeof p === 'string') : []).filter((p) => p !== path);
  index.push(path);
  while (index.length > validationRunLimits.reportsKeptMax) store.put(index.shift()!, null);
  store.put(path, html);
  store.put(reportIndexStoreKey, index);
}

const named = (report: ValidationReport, result: 'Failed' | 'Warning') => report.tests.filter((t) => t.result === result).map((t) => `${t.category} - ${t.name}`);

export function finishRun(state: ValidationState, host: ValidationHost, run: Run): void {
  const io = host.io;
  const report = judgeValidation({
    plan: run.plan,
    facts: gatheredFacts(run),
    ...(run.probing ? { storage: { plan: run.probing.plan, results: run.probing.run.results } } : {}),
    startedAtMs: run.startedAtMs,
    completedAtMs: io.now(),
  });
  const reportPath = validationReportPath({ clock: validationWallClock, startedAtMs: run.startedAtMs, reportName: run.reportName });
  const html = renderValidationReportHtml({ report, clock: validationWallClock });
  keepReport(io.store, reportPath, html);
  state.last = { report, reportPath };
  io.store.put(lastValidationStoreKey, state.last);
  state.run = null;
  const lines = renderTestClusterConsole({ report, reportPath, reportLengthBytes: new TextEncoder().encode(html).byteLength, clock: validationWallClock });
  io.emit({
    type: 'ValidationCompleted',
    node: state.self,
    nodes: report.nodes.map((n) => n.name),
    approval: report.status.approval,
    hadUnselectedTests: report.status.hadUnselectedTests,
    failedTests: named(report, 'Failed'),
    warningTests: named(report, 'Warning'),
    reportPath,
  });
  io.reply(run.requestId, { ok: true, output: lines.join('\n') });
}

/** A server did not answer: no report, the real product's text for it. */
export function abortRun(state: ValidationState, host: ValidationHost, run: Run, o: { node: string; detail: string }): void {
  if (run.factsTimerId !== null) host.io.cancelTimer(run.factsTimerId);
  if (run.probing?.stage) host.io.cancelTimer(run.probing.stage.timerId);
  state.run = null;
  host.io.emit({ type: 'ValidationAborted', node: state.self, nodes: run.nodes.map((n) => n.name), unreachable: o.node });
  host.io.reply(run.requestId, { ok: false, error: validationErrors.unableToConnect(o) });
}
