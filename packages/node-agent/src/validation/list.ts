// `Test-Cluster -List`: every test with its category and description, as PowerShell prints a
// table whose cells are cut to the column width and end with "..." (facts §15).
import { validationTests } from './catalog.js';

const columnChars = 39;

function cell(text: string): string {
  return text.length <= columnChars ? text.padEnd(columnChars) : `${text.slice(0, columnChars - 3)}...`;
}

export function renderTestList(): string[] {
  const header = [cell('Category'), cell('DisplayName'), 'Description'].join(' ');
  const rule = [cell('--------'), cell('-----------'), '-----------'].join(' ');
  return [header, rule, ...validationTests.map((t) => [cell(t.category), cell(t.name), cell(t.description).trimEnd()].join(' '))];
}
