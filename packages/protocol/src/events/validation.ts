// Test-Cluster runs (facts §15), as the lab observes them. The real validation writes its report
// and logs no System-log event, so these are lab events with no ID: the scenario expectations, the
// JSON report and the dashboard read when a validation started and what it concluded. They are
// logged by the node that ran the cmdlet, under the lab component VALIDATE.
import type { Catalog } from './catalog.js';

export type ValidationEvent =
  | { type: 'ValidationStarted'; node: string; nodes: string[]; tests: number }
  | {
      type: 'ValidationCompleted';
      node: string;
      nodes: string[];
      /** ClusterApproved, ClusterConditionallyApproved or ClusterNotApproved. */
      approval: string;
      hadUnselectedTests: boolean;
      /** "Category - Test" of each test that failed, and of each that warned. */
      failedTests: string[];
      warningTests: string[];
      reportPath: string;
    }
  /** The run ended without a report: a server did not answer (the cmdlet's error names it). */
  | { type: 'ValidationAborted'; node: string; nodes: string[]; unreachable: string };

export const validationCatalog: Catalog<ValidationEvent> = {
  ValidationStarted: {
    level: 'Information',
    component: 'VALIDATE',
    message: (e) => `Validating ${e.nodes.join(', ')}: ${e.tests} test${e.tests === 1 ? '' : 's'} selected`,
  },
  ValidationCompleted: {
    level: (e) => (e.failedTests.length > 0 ? 'Error' : e.warningTests.length > 0 ? 'Warning' : 'Information'),
    component: 'VALIDATE',
    message: (e) =>
      `Validation of ${e.nodes.join(', ')} completed: ${[...(e.hadUnselectedTests ? ['HadUnselectedTests'] : []), e.approval].join(', ')}; ` +
      `${e.failedTests.length} failed, ${e.warningTests.length} with warnings. Report: ${e.reportPath}`,
  },
  ValidationAborted: {
    level: 'Error',
    component: 'VALIDATE',
    message: (e) => `Validation of ${e.nodes.join(', ')} stopped: ${e.unreachable} did not answer`,
  },
};
