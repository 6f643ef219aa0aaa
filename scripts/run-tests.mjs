// `npm test`: type check, unit tests, build, then the end-to-end tests in real Chromium and Firefox ESR.
// Ends with one plain line, "N passed, N failed", counted from the test runners' own reports.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

mkdirSync('artifacts', { recursive: true });
const steps = [
  { name: 'type check', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'unit tests', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/unit.json'], report: 'artifacts/unit.json' },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  { name: 'end-to-end tests', cmd: ['npx', 'vitest', 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/e2e.json'], report: 'artifacts/e2e.json' },
];

let passed = 0;
let failed = 0;
let broken = [];
for (const step of steps) {
  const started = Date.now();
  process.stdout.write(`\n== ${step.name}\n`);
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  process.stdout.write(`== ${step.name}: ${result.status === 0 ? 'ok' : `exit ${result.status}`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (step.report && existsSync(step.report)) {
    const report = JSON.parse(readFileSync(step.report, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numTotalTestSuites && report.success === false && !report.numFailedTests ? 1 : 0);
  }
  if (result.status !== 0) {
    broken.push(step.name);
    if (!step.report) failed++;
    // Without a build there is nothing to test end to end.
    if (step.name === 'build') break;
  }
}
if (broken.length) process.stdout.write(`\nfailed steps: ${broken.join(', ')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(broken.length ? 1 : 0);
