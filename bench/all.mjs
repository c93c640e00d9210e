#!/usr/bin/env node
// `npm run bench`: every benchmark in one invocation, side by side, ratios against the peer
// measured in the same run. Prints one markdown report on stdout and writes the raw figures to
// bench-results.json (BENCH_OUT to change). Progress goes to stderr.
//
//   throughput   bench/throughput.mjs: hello + template page, node:http / Express 5 / Fastify 5 /
//                manage runserver --noreload / Django's runserver (when python3-django is installed)
//   routes       bench/routes.mjs: resolve() cost at 10 / 100 / 1,000 routes
//   reload       bench/reload.mjs: edit → new content and failed requests per reload (managets,
//                nodemon when found, node --watch, tsx watch), cold start, supervisor soak
//   memory       RSS of the supervisor and its children, of --noreload, and of a bare node:http
//
// Servers are pinned to CPU 0 and load generators to CPU 1 (taskset) where there are two CPUs.
// Default run: about 7 minutes (more on a busy machine). QUICK=1: a short smoke run. nodemon: node_modules/.bin/nodemon or BENCH_NODEMON.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, get, waitFor } from './support/http.mjs';
import { descendants, rssMiB, sleep, startGroup, stopGroup } from './support/processes.mjs';
import { round, table } from './support/stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.env.QUICK === '1';
const OUT = path.resolve(ROOT, process.env.BENCH_OUT ?? 'bench-results.json');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'managets-bench-all-'));
const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, quick: QUICK, notes: [] };
const sections = [];
const log = (line) => console.error(`[bench] ${line}`);

/** Runs a bench script with node, its stdout captured, its stderr (progress) passed through. */
function runScript(script, args) {
  log(`node ${script} ${args.join(' ')}`);
  const run = spawnSync(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`${script} exited with ${run.status}`);
  return run.stdout;
}

function nodemonPath() {
  return [process.env.BENCH_NODEMON, path.join(ROOT, 'node_modules/.bin/nodemon')].find((p) => p && existsSync(p));
}

function throughput() {
  const json = path.join(scratch, 'throughput.json');
  const args = QUICK ? ['--duration', '2', '--reps', '1', '--warmup', '1'] : ['--duration', '4', '--reps', '4', '--warmup', '2'];
  const stdout = runScript('bench/throughput.mjs', [...args, '--json', json]);
  results.throughput = JSON.parse(readFileSync(json, 'utf8'));
  const notes = stdout.split('\n').filter((line) => /^(Django skipped|manage request log)/.test(line));
  const { config, rows } = results.throughput;
  sections.push(
    `### Throughput (wrk, keep-alive, ${config.connections} connections, ${config.duration} s × ${config.reps} reps, server on CPU ${config.serverCpus}, wrk on CPU ${config.clientCpus})`,
    '',
    '`hello`: GET / → `hello`. `template`: GET /hello/world → the same 334-byte page (autoescaped name, 10-item loop) from Eta, managets `render()` and Django templates. Ratios are paired per rep against node:http; "by CPU" compares server CPU time per request, which moves least when the machine is busy.',
    '',
    table(
      ['route', 'server', 'median req/s', 'min–max', '× node:http', 'CPU µs/req', '× node:http by CPU', 'p99 ms', 'errors'],
      rows.map((r) => [r.route, r.target, r.medianRps, `${r.minRps}–${r.maxRps}`, r.ratio?.toFixed(2), r.cpuUs, r.cpuRatio?.toFixed(2), r.p99ms, r.errors + r.non2xx]),
    ),
    '',
    ...notes,
    '',
  );
}

function routes() {
  const stdout = runScript('bench/routes.mjs', []);
  const rows = [...stdout.matchAll(/^(flat|nested)\s+(\d+) ns\/op\s+(\d+) ns\/op\s+(\d+) ns\/op\s+([\d.]+)/gm)].map((m) => ({
    urlconf: m[1],
    ns: { 10: Number(m[2]), 100: Number(m[3]), 1000: Number(m[4]) },
    ratio: Number(m[5]),
  }));
  results.routes = rows;
  sections.push(
    '### Route resolution (resolve() of the last route, median ns/op)',
    '',
    table(['URLconf', '10 routes', '100 routes', '1,000 routes', '1000 : 10'], rows.map((r) => [r.urlconf, r.ns[10], r.ns[100], r.ns[1000], r.ratio.toFixed(2)])),
    '',
  );
}

function reload() {
  const json = path.join(scratch, 'reload.json');
  const args = QUICK ? ['--n', '2', '--soak', '5', '--cold', '1'] : ['--n', '6', '--soak', '20', '--cold', '3'];
  const nodemon = nodemonPath();
  if (nodemon) args.push('--nodemon', nodemon);
  else {
    args.push('--only', 'manage,node --watch,tsx');
    results.notes.push('nodemon not found (npm install nodemon, or BENCH_NODEMON=path): left out of the reload table.');
  }
  runScript('bench/reload.mjs', [...args, '--out', json]);
  results.reload = JSON.parse(readFileSync(json, 'utf8'));
  sections.push('### Reload, cold start and supervisor soak (bench/reload.mjs)', '', results.reload.text.trim(), '');
}

/** RSS after 500 requests: a bare node:http, --noreload, and the supervisor with its children. */
async function memory() {
  const project = path.join(ROOT, 'bench/project');
  const manage = path.join(ROOT, 'bin/manage.js');
  const cases = [
    { name: 'node:http hello (bare)', cwd: ROOT, argv: () => [process.execPath, 'bench/servers/node-http.mjs'] },
    { name: 'manage runserver --noreload', cwd: project, argv: (port) => [process.execPath, manage, 'runserver', '--noreload', `127.0.0.1:${port}`] },
    { name: 'manage runserver (supervisor + children)', cwd: project, argv: (port) => [process.execPath, manage, 'runserver', `127.0.0.1:${port}`] },
  ];
  const rows = [];
  for (const c of cases) {
    const port = await freePort();
    const child = startGroup(c.argv(port), { cwd: c.cwd, env: { PORT: String(port), MANAGE_RUNSERVER_HIDE_WARNING: 'true' }, cpus: '0', logFile: path.join(scratch, `memory-${port}.log`) });
    try {
      const url = `http://127.0.0.1:${port}/`;
      await waitFor(url, { child });
      for (let i = 0; i < 500; i++) await get(url);
      await sleep(1500); // let a reloader's spare child finish booting
      const kids = descendants(child.pid).filter((pid) => existsSync(`/proc/${pid}`));
      const own = rssMiB(child.pid);
      const children = kids.map((pid) => ({ command: readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), rssMiB: round(rssMiB(pid), 1) }));
      rows.push({ name: c.name, processes: 1 + kids.length, rootMiB: round(own, 1), children, totalMiB: round(own + children.reduce((a, k) => a + k.rssMiB, 0), 1) });
    } finally {
      await stopGroup(child);
    }
  }
  results.memory = rows;
  sections.push(
    '### Memory (RSS after 500 requests)',
    '',
    table(['process tree', 'processes', 'root MiB', 'children MiB', 'total MiB'], rows.map((r) => [r.name, r.processes, r.rootMiB, r.children.map((k) => `${k.command} ${k.rssMiB}`).join(' + ') || '-', r.totalMiB])),
    '',
  );
}

function prepare() {
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    log('building (npm run build)');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary is a problem.
    if (error.code === 'ENOENT') throw new Error('wrk is not installed: apt-get install -y wrk');
  }
}

const started = Date.now();
try {
  prepare();
  throughput();
  routes();
  reload();
  await memory();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const header = [
  `## managets benchmarks (\`npm run bench\`${QUICK ? ', QUICK=1' : ''})`,
  '',
  `${results.date.slice(0, 10)}, node ${results.node}, ${results.cpus} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}; ${minutes} min. Compare only ratios from one run: absolute figures move 20–40 % between runs on a shared machine.`,
  '',
];
const report = [...header, ...sections, ...results.notes.map((n) => `Note: ${n}`)].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
results.markdown = report;
writeFileSync(OUT, JSON.stringify(results, null, 2));
console.log(report);
log(`raw figures in ${path.relative(process.cwd(), OUT) || OUT}`);
