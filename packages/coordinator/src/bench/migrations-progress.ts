// The sweep's progress display: listr2 (9, Node 20), one task per stage, whose title carries a bar
// and the count done, and whose output line shows the last trial. listr2 picks its own renderer:
// the live one on a terminal, a plain line per change when stdout is not one (CI, a pipe). With
// progress off the stages run under its silent renderer, so the code path is the same.
import { Listr } from 'listr2';
import type { MigrationTrial } from './migrations-trial.js';
import type { TrialReporter } from './migrations-sweep.js';

export interface ProgressStage {
  title: string;
  run: (report: TrialReporter) => Promise<void>;
}

const barWidth = 24;

export function progressBar(done: number, total: number): string {
  const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth);
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${done}/${total}`;
}

export function trialLine(trial: MigrationTrial): string {
  const { vmCount, limit, option } = trial.options;
  const what = `${option} ${vmCount} VMs limit ${limit}`;
  if (trial.misses !== null || trial.figures === null) return `${what}: ${trial.misses ?? 'no figures'}`;
  return `${what}: drain ${(trial.figures.drainMs / 1000).toFixed(1)} s, mean blackout ${trial.figures.blackoutMsMean.toFixed(0)} ms (${(trial.wallMs / 1000).toFixed(1)} s wall)`;
}

export async function withProgress(show: boolean, stages: readonly ProgressStage[]): Promise<void> {
  const list = new Listr(
    stages.map((stage) => ({
      title: stage.title,
      task: async (_context: unknown, task: { title: string; output: string }) => {
        await stage.run((done, total, trial) => {
          task.title = `${stage.title} ${progressBar(done, total)}`;
          task.output = trialLine(trial);
        });
      },
    })),
    { concurrent: false, exitOnError: true, renderer: show ? 'default' : 'silent', fallbackRenderer: 'simple', rendererOptions: { collapseSubtasks: false } },
  );
  await list.run();
}
