#!/usr/bin/env node
// Reload benchmark, all tools in one run: edit the app's source (a fresh BODY token written in
// place, as an editor saves) and time edit → first 200 showing the token, polling every 5 ms on
// fresh connections; every refused/reset/failed poll during a reload counts as a failed request.
// Then cold start (spawn → first 200) against a bare node:http hello world and the same hello
// world under tsx, tsx watch (TypeScript) and nodemon, and the supervisor's RSS and open
// descriptors before and after a soak of reloads.
//
//   npm run build && node bench/reload.mjs [--n 20] [--soak 100] [--cold 5] [--out r.json]
//     [--only manage,nodemon] [--nodemon PATH] [--server-cpus 0|none] [--client-cpus 1|none]
//
// nodemon is a devDependency; another copy can be named with --nodemon. Compare ratios from
// one run only: absolute numbers move 20-40 % between runs on a shared machine.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { get, waitFor } from './support/http.mjs';
import { fdCount, pinSelf, rssMiB, sleep, startGroup, stopGroup } from './support/processes.mjs';
import { round, summary, table } from './support/stats.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '20' },
    soak: { type: 'string', default: '100' },
    cold: { type: 'string', default: '5' },
    settle: { type: 'string', default: '700' },
    only: { type: 'string' },
    nodemon: { type: 'string', default: path.join(REPO, 'node_modules/.bin/nodemon') },
    'server-cpus': { type: 'string', default: '0' },
    'client-cpus': { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const BODY = /(BODY\s*(?::\s*\w+\s*)?=\s*')([^']*)(')/;
const node = process.execPath;
const tsxCli = path.join(REPO, 'node_modules/tsx/dist/cli.mjs');
const manageBin = path.join(REPO, 'bin/manage.js');

// Scratch copies of the same hello world (bench/servers) and of bench/project: edits never touch the repo.
const work = mkdtempSync(path.join(os.tmpdir(), 'managets-bench-reload-'));
const apps = { node: path.join(work, 'node'), managets: path.join(work, 'managets') };
mkdirSync(apps.node);
cpSync(path.join(REPO, 'bench/servers/node-http.mjs'), path.join(apps.node, 'server.mjs'));
cpSync(path.join(REPO, 'bench/servers/node-http.ts'), path.join(apps.node, 'server.ts'));
cpSync(path.join(REPO, 'bench/project'), apps.managets, { recursive: true });
mkdirSync(path.join(apps.managets, 'node_modules'));
symlinkSync(REPO.replace(/\/$/, ''), path.join(apps.managets, 'node_modules/managets'), 'dir');
const logDir = path.join(work, 'logs');
mkdirSync(logDir);

let nextPort = 9300 + Math.floor(Math.random() * 500);
const target = (name, app, file, argv) => ({ name, app, cwd: apps[app], file, argv, port: nextPort++ });
const reloadTargets = [
  target('manage runserver', 'managets', 'benchproj/views.ts', (port) => [node, manageBin, 'runserver', `127.0.0.1:${port}`]),
  target('nodemon', 'node', 'server.mjs', () => [node, args.nodemon, 'server.mjs']),
  target('node --watch', 'node', 'server.mjs', () => [node, '--watch', 'server.mjs']),
  target('tsx watch', 'node', 'server.ts', () => [node, tsxCli, 'watch', 'server.ts']),
].filter((t) => !args.only || args.only.split(',').some((name) => t.name.startsWith(name)));
const coldTargets = [
  target('node server.mjs (bare)', 'node', 'server.mjs', () => [node, 'server.mjs']),
  target('manage runserver', 'managets', 'benchproj/views.ts', (port) => [node, manageBin, 'runserver', `127.0.0.1:${port}`]),
  target('manage runserver --noreload', 'managets', 'benchproj/views.ts', (port) => [node, manageBin, 'runserver', '--noreload', `127.0.0.1:${port}`]),
  // What a Node developer runs instead: the same hello world, TypeScript through tsx (its CLI
  // starts node with tsx's loader in a child, as our supervisor does), and under the watchers.
  target('tsx server.ts', 'node', 'server.ts', () => [node, tsxCli, 'server.ts']),
  target('tsx watch server.ts', 'node', 'server.ts', () => [node, tsxCli, 'watch', 'server.ts']),
  target('nodemon server.mjs', 'node', 'server.mjs', () => [node, args.nodemon, 'server.mjs']),
].filter((t) => !args.only || t.name.startsWith('node server') || args.only.split(',').some((name) => t.name.startsWith(name)));
if (reloadTargets.some((t) => t.name === 'nodemon') && !existsSync(args.nodemon)) {
  console.error(`nodemon not found at ${args.nodemon}: npm install (it is a devDependency) or pass --nodemon PATH`);
  process.exit(2);
}
pinSelf(args['client-cpus']);

const started = [];
function start(t) {
  const env = { PORT: String(t.port), MANAGE_RUNSERVER_HIDE_WARNING: 'true' };
  const child = startGroup(t.argv(t.port), { cwd: t.cwd, env, cpus: args['server-cpus'], logFile: path.join(logDir, `${t.name.replace(/\W+/g, '-')}.log`) });
  started.push(child);
  return child;
}
async function stopAll() {
  await Promise.all(started.splice(0).map((child) => stopGroup(child)));
}
process.on('SIGINT', () => void stopAll().finally(() => process.exit(130)));

/** One edit: write a new token, poll until it is served; count failed polls meanwhile. */
async function reloadOnce(t, url, original, index) {
  const token = `tok${index}x${Math.random().toString(36).slice(2, 8)}`;
  const file = path.join(t.cwd, t.file);
  const since = performance.now();
  writeFileSync(file, original.replace(BODY, `$1${token}$3`));
  let failed = 0;
  const kinds = new Set();
  while (performance.now() - since < 20_000) {
    const r = await get(url, 1000);
    if (r.error || r.status !== 200) {
      failed += 1;
      kinds.add(r.error ?? `HTTP ${r.status}`);
    } else if (r.body.includes(token)) {
      return { ms: r.ended - since, failed, kinds: [...kinds] };
    }
    await sleep(5);
  }
  return { ms: NaN, failed, kinds: [...kinds], timedOut: true };
}

async function reloadSeries(t, count, { memory = false } = {}) {
  const url = `http://127.0.0.1:${t.port}/`;
  const file = path.join(t.cwd, t.file);
  const original = readFileSync(file, 'utf8');
  const child = start(t);
  try {
    await waitFor(url, { child });
    for (let i = 0; i < 200; i++) await get(url);
    await sleep(Number(args.settle));
    const before = memory ? { rss: rssMiB(child.pid), fds: fdCount(child.pid) } : undefined;
    const runs = [];
    for (let i = 0; i < count; i++) {
      runs.push(await reloadOnce(t, url, original, i));
      await sleep(Number(args.settle) + Math.random() * 300);
    }
    const after = memory ? { rss: rssMiB(child.pid), fds: fdCount(child.pid) } : undefined;
    return { runs, before, after };
  } finally {
    await stopGroup(child);
    started.splice(started.indexOf(child), 1);
    writeFileSync(file, original);
  }
}

const report = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, reload: {}, cold: {}, soak: undefined };
try {
  // Two rounds, tools interleaved, so slow drift of the machine hits every tool alike.
  const perRound = Math.ceil(Number(args.n) / 2);
  for (let round = 0; round < 2; round++) {
    for (const t of reloadTargets) {
      const { runs } = await reloadSeries(t, perRound);
      (report.reload[t.name] ??= []).push(...runs);
      console.error(`[reload] ${t.name} round ${round + 1}: median ${round0(summary(runs.map((r) => r.ms)).median)} ms, failed polls ${runs.reduce((s, r) => s + r.failed, 0)}`);
    }
  }
  for (let run = 0; run < Number(args.cold) + 1; run++) {
    for (const t of coldTargets) {
      const since = performance.now();
      const child = start(t);
      const ms = await waitFor(`http://127.0.0.1:${t.port}/`, { since, child });
      await stopGroup(child);
      started.splice(started.indexOf(child), 1);
      if (run > 0) (report.cold[t.name] ??= []).push(ms); // run 0 warms the page cache
      await sleep(300);
    }
  }
  const manage = reloadTargets.find((t) => t.name === 'manage runserver');
  if (manage && Number(args.soak) > 0) {
    report.soak = await reloadSeries(manage, Number(args.soak), { memory: true });
    console.error(`[soak] ${args.soak} reloads: failed polls ${report.soak.runs.reduce((s, r) => s + r.failed, 0)}`);
  }
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}

function round0(value) {
  return round(value, 0);
}

const reloadRows = Object.entries(report.reload).map(([name, runs]) => {
  const s = summary(runs.map((r) => r.ms));
  const failed = runs.reduce((sum, r) => sum + r.failed, 0);
  const kinds = [...new Set(runs.flatMap((r) => r.kinds))].join(', ') || '-';
  return [name, s.n, round0(s.median), `${round0(s.min)}–${round0(s.max)}`, failed, runs.filter((r) => r.failed > 0).length, kinds];
});
const nodemonMedian = summary((report.reload.nodemon ?? []).map((r) => r.ms)).median;
const manageMedian = summary((report.reload['manage runserver'] ?? []).map((r) => r.ms)).median;
const bare = summary(report.cold['node server.mjs (bare)'] ?? []).median;
const coldRows = Object.entries(report.cold).map(([name, ms]) => {
  const s = summary(ms);
  return [name, s.n, round0(s.median), `${round0(s.min)}–${round0(s.max)}`, round(s.median / bare, 2)];
});
const lines = [
  `Reload: edit → first response with the new content (node ${report.node}, ${report.cpus} CPUs)`,
  '',
  table(['tool', 'reloads', 'median ms', 'min–max ms', 'failed polls', 'reloads with failures', 'errors'], reloadRows),
  '',
  `manage runserver median / nodemon median: ${round(manageMedian / nodemonMedian, 2)} (target ≤ 0.75)`,
  '',
  'Cold start: spawn → first 200',
  '',
  table(['command', 'runs', 'median ms', 'min–max ms', '× bare node'], coldRows),
];
const coldMedian = (name) => summary(report.cold[name] ?? []).median;
if (report.cold['tsx watch server.ts'] && report.cold['manage runserver']) {
  const ratio = round(coldMedian('manage runserver') / coldMedian('tsx watch server.ts'), 2);
  lines.push('', `manage runserver cold start / tsx watch server.ts (a one-file TypeScript hello world): ${ratio}`);
}
if (report.soak) {
  const { runs, before, after } = report.soak;
  const s = summary(runs.map((r) => r.ms));
  lines.push(
    '',
    `Soak: ${runs.length} reloads of manage runserver: median ${round0(s.median)} ms (${round0(s.min)}–${round0(s.max)}), ` +
      `failed polls ${runs.reduce((sum, r) => sum + r.failed, 0)} (${[...new Set(runs.flatMap((r) => r.kinds))].join(', ') || 'none'}), ` +
      `timed out ${runs.filter((r) => r.timedOut).length}`,
    `Supervisor RSS ${round(before.rss, 1)} → ${round(after.rss, 1)} MiB, open fds ${before.fds} → ${after.fds}`,
  );
}
const text = lines.join('\n');
console.log(`\n${text}\n`);
if (args.out) writeFileSync(args.out, JSON.stringify({ ...report, text }, null, 2));
