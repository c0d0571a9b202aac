// The lines `pnpm bench failover` prints: the options, the baselines, one row per trial (phase
// durations in simulated ms, ratios, threads wall ms), the means per runtime, and the graceful move.
import type { FailoverBenchResult, FailoverRow, FailoverSummary } from './failover-bench.js';
import type { GracefulTrial } from './failover-graceful.js';
import { optionsLine } from './report.js';
import type { Summary } from './stats.js';
import { formatTable, num } from './table.js';

const trialName = (row: FailoverRow) => (row.trial.runtime === 'sim' ? `sim seed ${row.trial.seed}` : `threads ${row.trial.timeScale} #${row.trial.seed}`);

function rowCells(row: FailoverRow): string[] {
  const p = row.phases;
  const t = row.trial;
  return [
    trialName(row),
    num(p?.detectionMs ?? null),
    num(row.detectionRatio, 3),
    num(p?.regroupMs ?? null),
    num(t.witnessArbitrationMs),
    num(p?.arbitrationMs ?? null),
    num(t.diskArbitrationMs),
    num(p?.onlineMs ?? null, 1),
    num(p?.totalMs ?? null),
    num(row.totalRatio, 3),
    num(t.allOnline?.simMs ?? null),
    num(t.onlineWindowMs, 1),
    t.online?.wallMs === null || t.online === null ? '-' : num(t.online.wallMs),
    [row.misses ?? 'clean', ...earlyDetection(row), ...(t.falseDetectionsBeforeKill > 0 ? [`${t.falseDetectionsBeforeKill} false PeerUnreachable before the kill`] : [])].join('; '),
  ];
}

/** A detection under the bound: say how long the survivor itself had counted silence. */
function earlyDetection(row: FailoverRow): string[] {
  const silenceMs = row.trial.detectionSilenceMs;
  if (!(row.detectionRatio < 1) || silenceMs === null) return [];
  return [`detected early: the survivor had counted ${num(silenceMs)} ms of silence`];
}

const headers = ['trial', 'detect ms', '÷ bound', 'regroup ms', '(witness)', 'arbitr. ms', '(disk)', 'online ms', 'total ms', '÷ documented', 'all online ms', '± poll ms', 'wall ms', 'notes'];

const meanCell = (s: Summary | null, decimals = 0) => (s === null ? 'n/a' : num(s.mean, decimals));
const rangeCell = (s: Summary | null) => (s === null ? 'n/a' : `${num(s.p50)} (${num(s.mean)}..${num(s.max)})`);

function summaryCells(s: FailoverSummary): string[] {
  return [
    s.label,
    `${s.clean}/${s.trials}`,
    meanCell(s.detectionMs),
    num(s.detectionRatioMean, 3),
    meanCell(s.regroupMs),
    meanCell(s.arbitrationMs),
    meanCell(s.onlineMs, 1),
    meanCell(s.totalMs),
    num(s.totalRatioMean, 3),
    s.totalWallMs === null ? '-' : rangeCell(s.totalWallMs),
  ];
}

const summaryHeaders = ['runtime', 'clean', 'detect ms', '÷ bound', 'regroup ms', 'arbitr. ms', 'online ms', 'total ms', '÷ documented', 'wall ms p50 (mean..max)'];

function gracefulCells(trial: GracefulTrial, misses: string | null): string[] {
  const name = trial.runtime === 'sim' ? `sim seed ${trial.seed}` : `threads ${trial.timeScale}`;
  const wall = trial.online?.wallMs;
  return [
    name,
    trial.reply ?? 'n/a',
    num(trial.answered?.simMs ?? null, 1),
    num(trial.arbitration?.simMs ?? null, 1),
    trial.diskPreempted ? 'yes' : 'no',
    num(trial.firstShownOnlineMs, 1),
    num(trial.online?.simMs ?? null, 1),
    wall === null || wall === undefined ? '-' : num(wall, 1),
    misses ?? 'clean',
  ];
}

/** Lines of evidence printed per failed trial (the JSON keeps more). */
const evidencePrintedMax = 30;

function evidenceLines(rows: readonly FailoverRow[]): string[] {
  return rows
    .filter((row) => row.trial.evidence.length > 0)
    .flatMap((row) => [`history of ${trialName(row)} (last ${Math.min(evidencePrintedMax, row.trial.evidence.length)} significant entries, simulated ms):`, ...row.trial.evidence.slice(-evidencePrintedMax).map((line) => `  ${line}`)]);
}

export function failoverReport(result: FailoverBenchResult): string[] {
  const { lab, baseline } = result;
  const graceful = result.graceful.map(({ trial, misses }) => gracefulCells(trial, misses));
  return [
    optionsLine('failover', result.options),
    `lab: labs/default.yaml; kill ${lab.victim}'s worker once ${lab.survivor} shows every resource Online on ${lab.victim}; phases as ${lab.survivor} saw them, simulated ms, each from the previous moment:`,
    `  detect = kill -> PeerUnreachable(${lab.victim}); regroup -> RegroupViewInstalled without it (1135; witness won inside); arbitr. -> DiskArbitrationEnded Won "${lab.disk}"; online -> Get-ClusterResource shows it Online@${lab.survivor}`,
    `bound = SameSubnetDelay ${lab.sameSubnetDelayMs} ms x SameSubnetThreshold ${lab.sameSubnetThreshold} = ${lab.detectionBoundMs} ms (the lab's settings)`,
    `documented = ${baseline.detectionMs} ms detection + ${baseline.witnessArbitrationMs} ms witness arbitration + ${baseline.diskArbitrationMs} ms disk arbitration = ${baseline.totalMs} ms (facts §1, §3; witness bounded by QuorumArbitrationTimeMax ${baseline.quorumArbitrationTimeMaxMs} ms)`,
    ...formatTable(headers, result.rows.map(rowCells)),
    '(witness), (disk): durationMs the survivor logged for each arbitration; ± poll: the online moment lies within this window; wall ms: threads, kill -> the poll that showed it Online',
    ...evidenceLines(result.rows),
    'means over clean trials:',
    ...formatTable(summaryHeaders, result.summaries.map(summaryCells)),
    ...(graceful.length === 0
      ? []
      : [
          `graceful: Move-ClusterGroup "${lab.group}" -Node ${lab.survivor}, simulated ms from the command:`,
          ...formatTable(['trial', 'reply', 'answered ms', 'disk won ms', 'preempted', 'first shown Online ms', 'Online after won ms', 'wall ms', 'notes'], graceful),
        ]),
  ];
}
