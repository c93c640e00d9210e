#!/usr/bin/env node
// Throughput over keep-alive, in one run: raw node:http, Express 5, Fastify 5,
// `manage runserver --noreload` (default middleware, request log on, stderr to a file) and, when
// python3 can import django, Django's runserver (bench/django, startproject defaults). Routes:
// `hello` (GET / -> "hello") and `template` (GET /hello/world -> the same Eta/Django page).
// Every rep starts every server afresh and the order rotates each rep, so drift on a shared
// machine and a process's own luck hit every target alike; ratios are paired per rep against
// node:http. Needs wrk (`apt-get install -y wrk`) and a build (`npm run build`).
//
//   node bench/throughput.mjs [--connections 50] [--duration 5] [--reps 5] [--warmup 2]
//                             [--server-cpus 0] [--client-cpus 1] [--only node-http,manage]
//                             [--project bench/project] [--routes hello,template]
//                             [--django auto|off] [--json results.json]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const options = parseArgs(process.argv.slice(2), {
  connections: 50, duration: 5, reps: 5, warmup: 2, serverCpus: '0', clientCpus: '1', only: '', project: 'bench/project',
  routes: 'hello,template', django: 'auto', json: '',
});
const ROUTES = { hello: '/', template: '/hello/world' };
const routes = options.routes.split(',').filter((r) => r in ROUTES);
const BASELINE = 'node-http';

/** Each target: how to start it (PORT in env) and where it writes its stderr. */
const TARGETS = [
  { name: 'node-http', cwd: ROOT, argv: [process.execPath, 'bench/servers/node-http.mjs'] },
  // Calibration: the same server burning 10 µs of CPU per request. On a VM a slower server also
  // pays more per response in the kernel (the client sleeps more often and must be woken), so a
  // fixed added cost shows up amplified; this row says by how much on this machine, in this run.
  { name: 'node-http+10us', cwd: ROOT, argv: [process.execPath, 'bench/servers/node-http.mjs'], env: { BUSY_US: '10' } },
  // Calibration: the same server writing the responses of an event-loop turn together, after it,
  // as managets' dev server does: what the batching alone is worth on this machine.
  { name: 'node-http+batch', cwd: ROOT, argv: [process.execPath, 'bench/servers/node-http.mjs'], env: { BATCH_ENDS: '1' } },
  { name: 'express5', cwd: ROOT, argv: [process.execPath, 'bench/servers/express.mjs'] },
  { name: 'fastify5', cwd: ROOT, argv: [process.execPath, 'bench/servers/fastify.mjs'] },
  {
    name: 'manage',
    cwd: path.resolve(ROOT, options.project),
    argv: [process.execPath, path.join(ROOT, 'bin/manage.js'), 'runserver', '--noreload', '127.0.0.1:${PORT}'],
  },
  ...(options.django !== 'off' && djangoPython()
    ? [{ name: 'django', cwd: path.join(ROOT, 'bench/django'), argv: [djangoPython(), 'manage.py', 'runserver', '--noreload', '127.0.0.1:${PORT}'], django: true }]
    : []),
].filter((t) => !options.only || options.only.split(',').includes(t.name));

/** A python3 that can import django (Debian's python3-django lives in /usr/bin/python3), or undefined. */
function djangoPython() {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import django'], { stdio: 'ignore' });
      return python;
    } catch {
      // next candidate
    }
  }
  return undefined;
}

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option ${argv[i]}`);
    out[key] = typeof defaults[key] === 'number' ? Number(argv[++i]) : argv[++i];
  }
  return out;
}

const has = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const pin = (cpus, argv) => (cpus !== 'none' && has('taskset') && os.cpus().length > 1 ? ['taskset', '-c', cpus, ...argv] : argv);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', (error) => resolve({ error }));
    req.setTimeout(1000, () => req.destroy());
  });
}

async function start(target, scratch, rep) {
  const port = await freePort();
  const argv = pin(options.serverCpus, target.argv.map((a) => a.replaceAll('${PORT}', String(port))));
  const logFile = path.join(scratch, `${target.name}.${rep}.stderr.log`);
  const env = { ...process.env, PORT: String(port), MANAGE_RUNSERVER_HIDE_WARNING: 'true', BENCH_DJANGO_DB: path.join(scratch, 'django.sqlite3'), ...target.env };
  // Django's startproject apps want their tables (runserver would print the migrations notice).
  if (target.django) execFileSync(target.argv[0], ['manage.py', 'migrate', '-v0'], { cwd: target.cwd, env });
  const child = spawn(argv[0], argv.slice(1), {
    cwd: target.cwd,
    env,
    stdio: ['ignore', 'ignore', openSync(logFile, 'w')],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 50))) {
    if (child.exitCode !== null) throw new Error(`${target.name} exited with ${child.exitCode}; see ${logFile}`);
    const reply = await get(url);
    if (reply.status !== undefined) return { ...target, child, url, logFile, first: reply };
  }
  throw new Error(`${target.name} did not answer within 60 s`);
}

function stop(server) {
  try {
    process.kill(-server.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** CPU seconds (user + system) the process has used, from /proc; NaN where there is no /proc. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function wrk(url, seconds) {
  const argv = pin(options.clientCpus, ['wrk', '-t1', `-c${options.connections}`, `-d${seconds}s`, '--latency', url]);
  const out = execFileSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  const num = (re) => Number(re.exec(out)?.[1] ?? 0);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)/m.exec(out);
  return {
    requests: num(/(\d+) requests in/),
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p99ms: p99 ? Number(p99[1]) * { us: 1e-3, ms: 1, s: 1e3 }[p99[2]] : NaN,
    non2xx: num(/Non-2xx or 3xx responses:\s+(\d+)/),
    errors: (/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out) ?? []).slice(1).reduce((a, x) => a + Number(x), 0),
  };
}

if (!has('wrk')) {
  console.error('wrk is not installed: apt-get install -y wrk');
  process.exit(1);
}
if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  console.error('managets is not built: npm run build');
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'managets-bench-'));
const servers = [];
const cleanup = () => {
  servers.forEach(stop);
  rmSync(scratch, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

try {
  // runs[route][target]: one wrk result per rep; targets rotate within each rep.
  const runs = Object.fromEntries(routes.map((route) => [route, Object.fromEntries(TARGETS.map((t) => [t.name, []]))]));
  for (let rep = 0; rep < options.reps; rep++) {
    // Fresh processes every rep: the same server started twice on this kind of VM can settle
    // 10-20% apart for its whole life (memory placement), and one process per target would
    // carry that luck into every rep.
    servers.splice(0).forEach(stop);
    for (const target of TARGETS) servers.push(await start(target, scratch, rep));
    for (const s of servers) {
      const body = s.first.body.trim();
      if (rep === 0 && (s.first.status !== 200 || body !== 'hello')) {
        console.error(`note: ${s.name} answers ${s.first.status} (${JSON.stringify(body.slice(0, 40))}), not 200 "hello": measured as is.`);
      }
      for (const route of routes) wrk(s.url.replace(/\/$/, ROUTES[route]), options.warmup);
    }
    for (const route of routes) {
      const order = servers.map((_, i) => servers[(i + rep) % servers.length]);
      for (const s of order) {
        const cpu0 = cpuSeconds(s.child.pid);
        const result = wrk(s.url.replace(/\/$/, ROUTES[route]), options.duration);
        result.cpuUs = ((cpuSeconds(s.child.pid) - cpu0) * 1e6) / result.requests;
        runs[route][s.name].push(result);
        console.error(`rep ${rep + 1} ${route.padEnd(8)} ${s.name.padEnd(10)} ${Math.round(result.rps)} req/s  p99 ${result.p99ms.toFixed(1)} ms  ${result.cpuUs.toFixed(1)} µs cpu/req`);
      }
    }
  }
  const requestLog = servers.find((s) => s.name === 'manage')?.logFile;
  const logBytes = requestLog ? statSync(requestLog).size : 0;
  const rows = [];
  for (const route of routes) {
    for (const [name, list] of Object.entries(runs[route])) {
      const rps = list.map((r) => r.rps);
      const base = runs[route][BASELINE];
      rows.push({
        route,
        target: name,
        medianRps: Math.round(median(rps)),
        minRps: Math.round(Math.min(...rps)),
        maxRps: Math.round(Math.max(...rps)),
        ratio: base ? Number(median(list.map((r, i) => r.rps / base[i].rps)).toFixed(3)) : null,
        cpuUs: Number(median(list.map((r) => r.cpuUs)).toFixed(1)),
        // CPU time per request barely moves when other processes compete for the cores.
        cpuRatio: base ? Number(median(list.map((r, i) => base[i].cpuUs / r.cpuUs)).toFixed(3)) : null,
        p99ms: Number(median(list.map((r) => r.p99ms)).toFixed(1)),
        non2xx: list.reduce((a, r) => a + r.non2xx, 0),
        errors: list.reduce((a, r) => a + r.errors, 0),
      });
    }
  }
  console.log(`\nkeep-alive, ${options.connections} connections, ${options.duration} s x ${options.reps} reps (wrk)\n`);
  console.log('| route | target | median req/s | min–max | × node-http (paired median) | server CPU µs/req | × node-http by CPU | p99 ms | non-2xx | socket errors |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const cells = [r.route, r.target, r.medianRps, `${r.minRps}–${r.maxRps}`, r.ratio?.toFixed(2) ?? '', r.cpuUs.toFixed(1), r.cpuRatio?.toFixed(2) ?? '', r.p99ms.toFixed(1), r.non2xx, r.errors];
    console.log(`| ${cells.join(' | ')} |`);
  }
  if (!TARGETS.some((t) => t.django) && options.django !== 'off') console.log('\nDjango skipped: no python3 with django (apt-get install -y python3-django).');
  if (requestLog) console.log(`\nmanage request log: ${(logBytes / 1e6).toFixed(1)} MB written to a file during the last rep`);
  if (options.json) {
    const config = { connections: options.connections, duration: options.duration, reps: options.reps, serverCpus: options.serverCpus, clientCpus: options.clientCpus };
    writeFileSync(options.json, JSON.stringify({ date: new Date().toISOString(), node: process.version, config, rows, runs }, null, 2));
  }
} finally {
  cleanup();
}
