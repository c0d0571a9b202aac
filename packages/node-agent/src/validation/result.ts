// A validation report as data: each test's result (Success, Warning or Failed, facts §15) with its
// details, the summary of each category (its worst test), and the overall status the console and
// the HTML report print. Results are built with `TestRecorder`: a test is Success until a detail
// line says otherwise.
import { assert } from '@wsfc-lab/protocol';
import type { TestSpec, ValidationCategory } from './catalog.js';
import { findTest } from './catalog.js';
import { validationLimits } from './limits.js';

export type TestResult = 'Success' | 'Warning' | 'Failed';

const rank: Record<TestResult, number> = { Success: 0, Warning: 1, Failed: 2 };

export function worstOf(results: readonly TestResult[]): TestResult {
  return results.reduce<TestResult>((worst, r) => (rank[r] > rank[worst] ? r : worst), 'Success');
}

export type DetailBlock =
  | { type: 'Text'; text: string; severity: TestResult }
  | { type: 'Table'; caption: string; columns: string[]; rows: string[][] };

export interface TestOutcome {
  name: string;
  category: ValidationCategory;
  description: string;
  result: TestResult;
  details: DetailBlock[];
}

/** Collects one test's details; its result is the worst severity recorded. */
export class TestRecorder {
  readonly spec: TestSpec;
  private readonly details: DetailBlock[] = [];
  private result: TestResult = 'Success';
  private lines = 0;
  private linesDropped = 0;

  constructor(name: string) {
    const spec = findTest(name);
    assert(spec !== undefined && spec.modelled, `"${name}" is not a modelled validation test`);
    this.spec = spec;
  }

  private text(text: string, severity: TestResult): this {
    this.result = worstOf([this.result, severity]);
    if (this.lines >= validationLimits.detailLinesPerTestMax) this.linesDropped++;
    else this.details.push({ type: 'Text', text, severity });
    this.lines++;
    return this;
  }

  info(text: string): this {
    return this.text(text, 'Success');
  }

  warn(text: string): this {
    return this.text(text, 'Warning');
  }

  fail(text: string): this {
    return this.text(text, 'Failed');
  }

  table(caption: string, columns: string[], rows: string[][]): this {
    this.details.push({ type: 'Table', caption, columns, rows: rows.slice(0, validationLimits.detailLinesPerTestMax) });
    return this;
  }

  resultSoFar(): TestResult {
    return this.result;
  }

  done(): TestOutcome {
    const details = this.linesDropped === 0 ? this.details : [...this.details, { type: 'Text' as const, text: `${this.linesDropped} more lines are not shown.`, severity: 'Success' as const }];
    return { name: this.spec.name, category: this.spec.category, description: this.spec.description, result: this.result, details };
  }
}

export interface CategorySummary {
  category: ValidationCategory;
  result: TestResult;
  tests: number;
}

export type Approval = 'ClusterApproved' | 'ClusterConditionallyApproved' | 'ClusterNotApproved';

/** MSCluster_ValidationStatus's bits (Completed, Has Unselected Tests, Has Failures, Has Warnings), and the console's verdict. */
export interface ValidationStatus {
  hadUnselectedTests: boolean;
  hasWarnings: boolean;
  hasFailures: boolean;
  approval: Approval;
}

export function statusOf(tests: readonly TestOutcome[], notRunCount: number): ValidationStatus {
  const hasFailures = tests.some((t) => t.result === 'Failed');
  const hasWarnings = tests.some((t) => t.result === 'Warning');
  const approval: Approval = hasFailures ? 'ClusterNotApproved' : hasWarnings ? 'ClusterConditionallyApproved' : 'ClusterApproved';
  return { hadUnselectedTests: notRunCount > 0, hasWarnings, hasFailures, approval };
}

export function categorySummaries(tests: readonly TestOutcome[], order: readonly ValidationCategory[]): CategorySummary[] {
  return order
    .map((category) => ({ category, outcomes: tests.filter((t) => t.category === category) }))
    .filter(({ outcomes }) => outcomes.length > 0)
    .map(({ category, outcomes }) => ({ category, result: worstOf(outcomes.map((t) => t.result)), tests: outcomes.length }));
}
