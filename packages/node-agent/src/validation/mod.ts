// Test-Cluster (Validate a Configuration, facts §15): first as pure pieces: the catalog of tests, the
// plan of facts to gather, the storage tests as command sequences and their runner, the judge, the
// console summary, the HTML report, -List, and the rule New-Cluster applies to a report.
export { categoryOrder, findCategory, findTest, testNames, validationTests, type ModelledTestName, type TestSpec, type ValidationCategory } from './catalog.js';
export { validationErrors } from './errors.js';
export {
  fullNameOf,
  osReleaseInfo,
  osReleases,
  type DiskInventory,
  type DiskSeen,
  type FactRequest,
  type GatheredFacts,
  type InstallationOption,
  type NodeInventory,
  type OsRelease,
  type Reachability,
  type ValidationNetwork,
} from './facts.js';
export { validationLimits } from './limits.js';
export { planValidation, type DiskInUse, type NotRunReason, type NotRunTest, type PlanResult, type TestClusterRequest, type ValidationPlan } from './plan.js';
export { planStorage, type DiskAssessment, type DiskExclusion, type StoragePlan } from './storage-plan.js';
export { clusterReservationType, probeBlockLba, probeKey } from './storage-probes.js';
export { stageVerdict, type Expectation, type ProbeCommand, type ProbeStage, type ProbeStep, type StageResults, type StorageProbe, type TestDisk } from './probe.js';
export { nextStage, recordStage, startProbeRun, type ProbeRun } from './probe-runner.js';
export { afterRewriteRead, rewriteReadOf, storageCommandOf, type DirectProbeCommand } from './probe-commands.js';
export { judgeValidation, type JudgeInput, type ValidationReport } from './judge.js';
export { worstOf, type Approval, type CategorySummary, type DetailBlock, type TestOutcome, type TestResult, type ValidationStatus } from './result.js';
export { validationReportFileName, validationReportPath } from './report-path.js';
export { fileListing, renderTestClusterConsole, statusFlags, statusSentence, usDateTime } from './console.js';
export { escapeHtml, renderValidationReportHtml } from './html.js';
export { renderTestList } from './list.js';
export { checkNewClusterValidation, type NewClusterGate, type NewClusterValidation } from './new-cluster-gate.js';
// The running subsystem (node.ts wires it): Test-Cluster on a node, and the last report for New-Cluster.
export { lastValidationOf, type ValidationState } from './subsystem.js';
export { reportIndexStoreKey } from './finish.js';
export { validationRunLimits, validationTiming, validationWallClock } from './timing.js';
