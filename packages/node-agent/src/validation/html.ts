// The validation report as a real, viewable HTML file, laid out as the product's report is: a
// title, the validated servers, start and completion times, the overall result, a "Results by
// Category" table, then for each category a table of its tests (name, result, description) linking
// to each test's section with its description and details. Tests that did not run are listed at
// the end with the reason. Every element is closed and every text is escaped.
import type { WallClock } from '../cluster-log/wall-clock.js';
import { statusFlags, statusSentence, usDateTime } from './console.js';
import type { ValidationReport } from './judge.js';
import type { DetailBlock, TestOutcome, TestResult } from './result.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const anchorOf = (prefix: string, name: string): string => `${prefix}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
const resultCell = (result: TestResult): string => `<td class="${result.toLowerCase()}"><span class="icon"></span>${result}</td>`;
const row = (cells: string[]): string => `<tr>${cells.join('')}</tr>`;
const td = (text: string): string => `<td>${escapeHtml(text)}</td>`;
const th = (text: string): string => `<th>${escapeHtml(text)}</th>`;

const style = [
  'body{font-family:Segoe UI,Tahoma,sans-serif;font-size:10pt;margin:16px 24px;color:#222}',
  'h1{font-size:16pt;color:#1f4e79}h2{font-size:13pt;color:#1f4e79;border-bottom:1px solid #9cb6d3}h3{font-size:11pt;margin-top:20px}',
  'table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #b8c7d9;padding:3px 8px;text-align:left;vertical-align:top}th{background:#dde7f2}',
  '.success{color:#107c10}.warning{color:#9d5d00}.failed{color:#c50f1f}p.warning,p.failed{font-weight:bold}',
  '.icon{display:inline-block;width:9px;height:9px;margin-right:5px;border-radius:5px;background:currentColor}',
].join('\n');

function table(caption: string | undefined, columns: string[], rows: string[][]): string {
  const head = row(columns.map(th));
  const body = rows.map((r) => row(r.map(td))).join('\n');
  return `<table>${caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`}\n<thead>${head}</thead>\n<tbody>${body}</tbody>\n</table>`;
}

function detailHtml(block: DetailBlock): string {
  if (block.type === 'Table') return table(block.caption, block.columns, block.rows);
  return `<p class="${block.severity.toLowerCase()}">${escapeHtml(block.text)}</p>`;
}

function testSection(test: TestOutcome, clockText: string): string {
  return [
    `<div class="test" id="${anchorOf('test', test.name)}">`,
    `<h3>${escapeHtml(test.name)}</h3>`,
    `<p class="description">Description: ${escapeHtml(test.description)}</p>`,
    `<p>Result: <span class="${test.result.toLowerCase()}">${test.result}</span> (completed ${escapeHtml(clockText)})</p>`,
    ...test.details.map(detailHtml),
    '<p><a href="#summary">Back to Summary</a></p>',
    '</div>',
  ].join('\n');
}

function categorySection(report: ValidationReport, category: string, clockText: string): string {
  const tests = report.tests.filter((t) => t.category === category);
  const rows = tests.map((t) => row([`<td><a href="#${anchorOf('test', t.name)}">${escapeHtml(t.name)}</a></td>`, resultCell(t.result), td(t.description)]));
  return [
    `<div class="category" id="${anchorOf('category', category)}">`,
    `<h2>${escapeHtml(category)}</h2>`,
    `<table>\n<thead>${row([th('Name'), th('Result'), th('Description')])}</thead>\n<tbody>${rows.join('\n')}</tbody>\n</table>`,
    ...tests.map((t) => testSection(t, clockText)),
    '</div>',
  ].join('\n');
}

function summarySection(report: ValidationReport, clock: WallClock): string {
  const when = (ms: number) => usDateTime(clock, ms, { seconds: true }).replace(/ {2,}/g, ' ');
  const categories = report.categories.map((c) => row([`<td><a href="#${anchorOf('category', c.category)}">${escapeHtml(c.category)}</a></td>`, resultCell(c.result), td(`${c.tests} test${c.tests === 1 ? '' : 's'}`)]));
  const outcome = report.status.approval === 'ClusterNotApproved' ? 'failed' : report.status.approval === 'ClusterConditionallyApproved' ? 'warning' : 'success';
  return [
    '<div id="summary">',
    table('Validated servers', ['Node', 'Status'], report.nodes.map((n) => [n.fullName, 'Validated'])),
    table(undefined, ['Started', 'Completed'], [[when(report.startedAtMs), when(report.completedAtMs)]]),
    `<p class="${outcome}">Test Result: ${escapeHtml(statusFlags(report.status))}</p>`,
    `<p>${escapeHtml(statusSentence(report.status))}</p>`,
    '<h2>Results by Category</h2>',
    `<table>\n<thead>${row([th('Name'), th('Result Summary'), th('Tests')])}</thead>\n<tbody>${categories.join('\n')}</tbody>\n</table>`,
    '</div>',
  ].join('\n');
}

const notRunText = { NotSelected: 'Not selected (-Include/-Ignore)', NotModelled: 'Not modelled by the lab', NotApplicable: 'Not applicable to these servers' } as const;

export function renderValidationReportHtml(o: { report: ValidationReport; clock: WallClock }): string {
  const { report, clock } = o;
  const completed = usDateTime(clock, report.completedAtMs, { seconds: true }).replace(/ {2,}/g, ' ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head>\n<meta charset="utf-8">\n<title>Failover Cluster Validation Report</title>\n<style>\n${style}\n</style>\n</head>`,
    '<body>',
    '<h1>Failover Cluster Validation Report</h1>',
    summarySection(report, clock),
    ...report.categories.map((c) => categorySection(report, c.category, completed)),
    '<div id="not-run">',
    '<h2>Tests Not Run</h2>',
    table(undefined, ['Category', 'Name', 'Reason'], report.notRun.map((n) => [n.category, n.name, notRunText[n.reason]])),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
