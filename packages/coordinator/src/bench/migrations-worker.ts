// The Piscina worker of the migrations sweep: one sim trial per task, in its own thread, so the
// sweep's trials run on every core at once (a sim lab is single-threaded by design).
import { runMigrationTrial, type MigrationTrial, type MigrationTrialOptions } from './migrations-trial.js';

export default function migrationsWorker(task: MigrationTrialOptions): Promise<MigrationTrial> {
  return runMigrationTrial(task);
}
