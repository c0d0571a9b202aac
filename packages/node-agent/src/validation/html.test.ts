import test from 'ava';
import { escapeHtml, renderValidationReportHtml } from './html.js';
import { validationTests } from './catalog.js';
import { labClock, validate } from './_fixtures.js';

const voidElements = new Set(['meta', 'br', 'img', 'hr', 'link', 'input']);

/** Checks that every element is closed in order; returns the problems. */
function unbalanced(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const [closing, name] = [match[1] === '/', match[2]!.toLowerCase()];
    if (voidElements.has(name)) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${match.index}`);
  }
  return [...problems, ...stack.map((name) => `<${name}> never closed`)];
}

test('the HTML report is well formed: a doctype, every element closed in order, nothing left open', (t) => {
  const html = renderValidationReportHtml({ report: validate({}).report, clock: labClock });
  t.true(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
  t.deepEqual(unbalanced(html), []);
});

test('every test that ran has a section with its result, linked from its category; the others are listed as not run', (t) => {
  const { report } = validate({});
  const html = renderValidationReportHtml({ report, clock: labClock });
  for (const outcome of report.tests) {
    t.true(html.includes(`<h3>${escapeHtml(outcome.name)}</h3>`), outcome.name);
    t.true(html.includes(`>${escapeHtml(outcome.name)}</a></td><td class="${outcome.result.toLowerCase()}">`), outcome.name);
  }
  t.true(html.includes('<td>System Configuration</td><td>Validate All Drivers Signed</td><td>Not modelled by the lab</td>'));
  t.is(report.tests.length + report.notRun.length, validationTests.length);
  t.true(html.includes('<h2>Results by Category</h2>'));
  t.true(html.includes('<p class="warning">Test Result: HadUnselectedTests, ClusterConditionallyApproved</p>'));
  t.true(html.includes('<td>node01.wsfc.local</td><td>Validated</td>'));
});

test('text in details is escaped', (t) => {
  const { report } = validate({});
  report.tests[0]!.details.push({ type: 'Text', text: 'a <script>alert("x")</script> & b', severity: 'Warning' });
  const html = renderValidationReportHtml({ report, clock: labClock });
  t.false(html.includes('<script>'));
  t.true(html.includes('a &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; b'));
  t.deepEqual(unbalanced(html), []);
});
