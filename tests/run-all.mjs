#!/usr/bin/env node
/**
 * The whole check, as CI runs it (`npm test`): type-check, lint, format check, unit tests, both
 * builds, web-ext lint of the Firefox build, the end-to-end suite in real Chromium and Firefox, and
 * the benchmark as a smoke test.
 * Every step runs even when an earlier one fails, and the run ends with one line CI can read:
 * `N passed, N failed` (tests and checks together).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const results = [];
const started = Date.now();
mkdirSync('test-results', { recursive: true });

function run(label, cmd, args, extra = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' }, ...extra });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(label, ok) {
  results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

/** Runs vitest with a JSON report and counts its tests (a crash before any test counts as one failure). */
function vitest(label, config, report) {
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    '-c',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  let passed = 0;
  let failed = 0;
  let names = [];
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    failed = (json.numFailedTests ?? 0) + (json.numTotalTestSuites > 0 && !ok && json.numFailedTests === 0 ? 1 : 0);
    names = failedTests(json);
  } else if (!ok) failed = 1;
  results.push({ label, passed, failed, names });
}

/**
 * The failed tests of a vitest JSON report, each as its file, its name and the first line of its
 * error: printed again in the summary, so that the end of the log (all some CI readers keep) says
 * which test failed and why, not only how many.
 */
function failedTests(json) {
  const names = [];
  for (const file of json.testResults ?? []) {
    const where = file.name ? file.name.replace(`${process.cwd()}/`, '') : '?';
    const failures = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failures) {
      const why = String(t.failureMessages?.[0] ?? '')
        .split('\n')[0]
        .slice(0, 300);
      names.push(`${where} › ${t.fullName ?? t.title}${why ? ` — ${why}` : ''}`);
    }
    // A file that failed outside any test (an error as it loaded, a hook that threw).
    if (!failures.length && file.status === 'failed') {
      names.push(
        `${where} — ${String(file.message ?? '')
          .split('\n')[0]
          .slice(0, 300)}`,
      );
    }
  }
  return names;
}

function browsersPresent() {
  const missing = [
    ['chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'],
    ['firefox-esr', process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'],
  ].filter(([, path]) => !existsSync(path));
  if (missing.length) {
    console.error(`\nMissing browser(s): ${missing.map(([n]) => n).join(', ')}.`);
    console.error(`Install them with: sudo apt-get install -y ${missing.map(([n]) => n).join(' ')}`);
  }
  return missing.length === 0;
}

check('type-check', run('type-check', 'npx', ['tsc', '--noEmit']));
check('lint', run('lint', 'npx', ['biome', 'lint', '.']));
check('format', run('format check', 'npx', ['biome', 'format', '.']));
vitest('unit tests', 'vitest.config.ts', 'test-results/unit.json');
const built =
  run('build (chrome-mv3)', 'npx', ['wxt', 'build']) &&
  run('build (firefox-mv2)', 'npx', ['wxt', 'build', '-b', 'firefox']);
check('build', built);
check(
  'web-ext lint',
  built &&
    run('web-ext lint', 'npx', [
      'web-ext',
      'lint',
      '--source-dir',
      '.output/firefox-mv2',
      '--warnings-as-errors=false',
    ]),
);
if (built && browsersPresent()) {
  vitest('end-to-end tests (Chromium, Firefox)', 'vitest.e2e.config.ts', 'test-results/e2e.json');
} else {
  check('end-to-end tests', false);
}
// The benchmark as a smoke test: every part runs at small sizes; its goals are reported, not asserted.
check(
  'bench smoke',
  built &&
    browsersPresent() &&
    run('bench smoke (npm run bench, BENCH_SMOKE=1)', 'npx', ['jiti', 'tests/bench/run.ts'], {
      env: { ...process.env, FORCE_COLOR: '0', BENCH_SMOKE: '1' },
    }),
);

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.failed ? '✘' : '✔'} ${r.label}: ${r.passed} passed, ${r.failed} failed`);
  for (const name of r.names ?? []) console.log(`      ✘ ${name}`);
}
console.log(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
