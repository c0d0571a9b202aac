// Lint: TypeScript's recommended rules everywhere, and the determinism rule (STYLE 6, DESIGN
// "actor contract") in actor code: no clock, no Math.random, no raw timers, no threads, no I/O.
// Actor code talks to the world only through `io`, so the same seed gives the same run.
import tseslint from 'typescript-eslint';

const actorPackages = ['packages/protocol/src/**/*.ts', 'packages/node-agent/src/**/*.ts', 'packages/storage-target/src/**/*.ts', 'packages/directory/src/**/*.ts'];
const why = 'actor code is deterministic: use io.now(), io.random(), io.setTimer() (DESIGN.md, the actor contract)';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'schemas/**', 'bench-out/**', '.lab-data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // STYLE 10: functions fit on a screen. No function is over 70 lines; this keeps it so.
      'max-lines-per-function': ['error', { max: 70, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: actorPackages,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'performance', 'queueMicrotask'].map((name) => ({ name, message: why }))],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: why },
        { object: 'Math', property: 'random', message: why },
        { object: 'performance', property: 'now', message: why },
        { object: 'crypto', property: 'randomUUID', message: why },
        { object: 'crypto', property: 'getRandomValues', message: why },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: why }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['worker_threads', 'node:worker_threads', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'dgram', 'node:dgram', 'timers', 'node:timers', 'crypto', 'node:crypto', 'child_process', 'node:child_process'].map((name) => ({ name, message: why })),
        },
      ],
    },
  },
);
