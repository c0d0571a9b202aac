// The Piscina worker of the protected-network sweep: one sim trial per task, in its own thread.
import { runProtectedTrial, type ProtectedTrial, type ProtectedTrialOptions } from './migrations-protected-trial.js';

export default function protectedWorker(task: ProtectedTrialOptions): Promise<ProtectedTrial> {
  return runProtectedTrial(task);
}
