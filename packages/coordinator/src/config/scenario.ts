// Reading a scenario: the top level by its schema, the lab (`default`, a file beside the
// scenario, or inline), then every step against that lab. All issues of the file are collected;
// a step's lab checks are skipped only when the lab itself is invalid (its issues say why).
import { dirname, resolve } from 'node:path';
import { defaultLab } from './default-lab.js';
import { describeValue, sortIssues, type ConfigIssue, type ConfigResult } from './issues.js';
import { labFromSource, parseLabText, readConfigFile } from './lab.js';
import type { LabSpec } from './lab-types.js';
import { scenarioTopSchema } from './scenario-schema.js';
import { stepsFromFile } from './scenario-steps.js';
import type { ScenarioSpec, Step } from './scenario-types.js';
import { validate } from './zod-issues.js';
import { YamlSource } from './yaml-source.js';

interface ResolvedLab {
  source: string;
  result: ConfigResult<LabSpec>;
}

function resolveLab(value: unknown, source: YamlSource): ResolvedLab {
  if (value === undefined || value === 'default') return { source: 'default', result: { ok: true, value: defaultLab() } };
  if (typeof value === 'string') {
    const path = resolve(dirname(source.file), value);
    const read = readConfigFile(path);
    if (!read.ok) return { source: path, result: { ok: false, errors: [source.issue(['lab'], `cannot read lab file "${value}" (${path}): ${read.issue.message.replace(/^cannot read the file: /, '')}`)] } };
    return { source: path, result: parseLabText(read.text, path) };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { source: 'inline', result: labFromSource(source, value, ['lab']) };
  return {
    source: 'inline',
    result: { ok: false, errors: [source.issue(['lab'], `expected default, a lab file path or an inline lab, got ${describeValue(value)}`)] },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface ScenarioOptions {
  /** Used for `lab: default` instead of the embedded default lab (tests, `--lab`). */
  defaultLab?: LabSpec;
}

export function parseScenarioText(text: string, fileName: string, options: ScenarioOptions = {}): ConfigResult<ScenarioSpec> {
  const { source, syntaxIssues } = YamlSource.parse(text, fileName);
  if (syntaxIssues.length > 0) return { ok: false, errors: syntaxIssues };
  const data = source.data();
  const issues: ConfigIssue[] = [];
  const top = validate(scenarioTopSchema, data, source, []);
  if (!top.ok) issues.push(...top.errors);
  if (!isRecord(data)) return { ok: false, errors: sortIssues(issues) };

  const usesDefault = data.lab === undefined || data.lab === 'default';
  const lab: ResolvedLab =
    usesDefault && options.defaultLab !== undefined
      ? { source: 'default', result: { ok: true, value: structuredClone(options.defaultLab) } }
      : resolveLab(data.lab, source);
  if (!lab.result.ok) issues.push(...lab.result.errors);
  const labSpec = lab.result.ok ? lab.result.value : undefined;

  const steps = Array.isArray(data.steps) ? stepsFromFile(data.steps, { source, lab: labSpec, issues }) : [];
  if (issues.length > 0 || !top.ok || labSpec === undefined) return { ok: false, errors: sortIssues(issues) };

  const value = top.value;
  const scenario: ScenarioSpec = {
    name: value.name,
    file: fileName,
    labSource: lab.source,
    lab: labSpec,
    runtime: value.runtime,
    seed: value.seed,
    timeScale: value.timeScale,
    steps: steps.filter((step): step is Step => step !== undefined),
  };
  if (value.description !== undefined) scenario.description = value.description;
  return { ok: true, value: scenario };
}

export function loadScenarioFile(path: string, options: ScenarioOptions = {}): ConfigResult<ScenarioSpec> {
  const read = readConfigFile(path);
  return read.ok ? parseScenarioText(read.text, path, options) : { ok: false, errors: [read.issue] };
}
