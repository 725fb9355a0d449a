// Runs the engine suite: the mock backend and the portal once, then every spec with node's test runner, once per
// engine (Firefox ESR, then WebKitGTK), one test at a time (one mock holds the state). Prints each engine's time,
// what each engine supports of what the console leans on (specs/features.test.js), and a closing line
// "engines: N passed, N failed". Exits non-zero on any failure, and when an engine cannot run (a missing driver or
// browser is a failure, never a skip), or ran no test.
//
//   node run.mjs [--engines firefox,webkit] [--port 4300] [-- extra node --test arguments, e.g. --test-name-pattern=kit]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values, positionals } = parseArgs({
  options: {
    engines: { type: 'string', default: 'firefox,webkit' },
    port: { type: 'string', default: process.env.ENGINES_PORT ?? '4300' },
  },
  allowPositionals: true,
});
const engines = values.engines
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean);
const port = Number(values.port);
const results = join(here, '.results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const say = (text) => console.log(`\x1b[1m[engines]\x1b[0m ${text}`);

// Every engine asked for must be able to run: say what is missing, and fail.
const problems = [];
for (const engine of engines) {
  if (!['firefox', 'webkit'].includes(engine)) problems.push(`unknown engine "${engine}" (firefox or webkit)`);
}
if (!problems.length) {
  for (const engine of engines) {
    process.env.ENGINE = engine;
    const { missing } = await import(`./lib/browser.js?${engine}`);
    for (const what of missing(engine)) problems.push(`${engine}: missing ${what}`);
  }
  delete process.env.ENGINE;
}
if (problems.length) {
  for (const problem of problems) console.error(`[engines] FAILED: ${problem}`);
  console.error('[engines] install them with: bash tests/tools/setup.sh');
  console.log(`engines: 0 passed, ${problems.length} failed`);
  process.exit(1);
}

const { startServers } = await import('./lib/servers.js');
const servers = await startServers(port, join(here, '.mock-server.log'));
const stopAndExit = async (code) => {
  await servers.stop();
  process.exit(code);
};
process.on('SIGINT', () => stopAndExit(130));
process.on('SIGTERM', () => stopAndExit(143));

const specs = readdirSync(join(here, 'specs'))
  .filter((f) => f.endsWith('.test.js'))
  .sort()
  .map((f) => join('specs', f));
const summary = [];
for (const engine of engines) {
  say(`── ${engine}: ${specs.length} spec files`);
  const started = Date.now();
  const tap = join(results, `${engine}.tap`);
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--test',
        '--test-concurrency=1',
        '--test-timeout=180000',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...positionals,
        ...specs,
      ],
      {
        cwd: here,
        stdio: 'inherit',
        env: {
          ...process.env,
          ENGINE: engine,
          MOCK_URL: servers.mockURL,
          PORTAL_URL: servers.portalURL,
          ENGINES_RESULTS: results,
        },
      }
    );
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  const seconds = (Date.now() - started) / 1000;
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  summary.push({
    engine,
    seconds,
    code,
    pass: count('pass'),
    fail: count('fail') + count('cancelled'),
    skipped: count('skipped') + count('todo'),
  });
  say(`   ${engine} took ${seconds.toFixed(0)} s`);
}
await servers.stop();

// What each engine supports of what the console leans on, side by side.
const features = Object.fromEntries(
  engines.map((engine) => {
    const file = join(results, `features-${engine}.json`);
    return [engine, existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}];
  })
);
const rows = [...new Set(Object.values(features).flatMap((f) => Object.keys(f)))];
if (rows.length) {
  say('what each engine supports (specs/features.test.js):');
  console.log(`| what | ${engines.join(' | ')} |`);
  console.log(`|---|${engines.map(() => '---').join('|')}|`);
  for (const row of rows)
    console.log(
      `| ${row} | ${engines.map((e) => String(features[e][row] ?? '—').replace(/\|/g, '\\|')).join(' | ')} |`
    );
}

say('time per engine:');
for (const { engine, seconds, pass, fail, skipped } of summary) {
  console.log(
    `  ${engine.padEnd(8)} ${seconds.toFixed(0).padStart(4)} s  ${pass} passed, ${fail} failed${skipped ? `, ${skipped} skipped` : ''}`
  );
}
// Nothing passes by skipping or by running nothing (a --test-name-pattern asked for skips the rest, on purpose).
const picked = positionals.some((arg) => arg.startsWith('--test-name-pattern'));
let failed = 0;
let passed = 0;
for (const s of summary) {
  passed += s.pass;
  failed += s.fail + (picked ? 0 : s.skipped);
  if (s.pass === 0 && s.fail === 0) {
    console.error(`[engines] FAILED: ${s.engine} ran no test`);
    failed += 1;
  } else if (s.code !== 0 && s.fail === 0) {
    console.error(`[engines] FAILED: ${s.engine}'s test run exited with ${s.code}`);
    failed += 1;
  }
}
console.log(`engines: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
