// The lab and scenario files: types, loaders, defaults and JSON Schemas.
export type { ConfigIssue, ConfigResult } from './issues.js';
export { formatIssue } from './issues.js';
export type {
  ClusterNetworkRole,
  ClusterSpec,
  CpuSpec,
  DirectorySpec,
  DiskSpec,
  GroupPriority,
  LabSpec,
  NetworkSpec,
  NodeSpec,
  OsVersion,
  ProcessorCompatibility,
  RoleSpec,
  StorageTargetSpec,
  VmAdapterSpec,
  VmSpec,
  WitnessSpec,
} from './lab-types.js';
export { machineNames } from './lab-types.js';
export { labDefaults, configVersionRange } from './lab-defaults.js';
export { loadLabFile, parseLabText } from './lab.js';
export { defaultLab, defaultLabPath, labsDirectory } from './default-lab.js';
export { findMachine, findNetwork, findNode, networksOf, type NameLookup } from './lab-names.js';
export type { Fault, Matcher, RuntimeKind, Scalar, ScenarioSpec, Selector, Step, StepAt } from './scenario-types.js';
export { loadScenarioFile, parseScenarioText, type ScenarioOptions } from './scenario.js';
export { selectorProperties, clusterProperties, type SelectorKind } from './properties.js';
export { labJsonSchema, scenarioJsonSchema } from './json-schema.js';
