/**
 * Load: 50 keep-alive clients for HARDEN_LOAD_SECONDS (default 20; 60 for the full run) against
 * a real `manage runserver --noreload` on the hardening fixture (DEBUG off, --insecure), mixing
 * pages, static files, JSON and a CSRF-protected form POST. Zero socket errors, zero unexpected
 * statuses; throughput and latency percentiles are printed.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { after, it } from 'node:test';
import { HAS_PROC, rssKiB } from '../helpers/proc-stats.js';
import { Prng, seedFrom } from '../helpers/prng.js';
import { cleanEnv, ProcessPool } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';

const SECONDS = Number(process.env.HARDEN_LOAD_SECONDS ?? 20);
const CLIENTS = 50;
const seed = seedFrom('HARDEN_LOAD_SEED');
const pool = new ProcessPool();
after(() => pool.killAll());

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function call(agent: http.Agent, port: number, target: string, options: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** One step of a client's script: what it asks for and the only status that is right. */
type Step = (agent: http.Agent, port: number, form: { cookie: string; token: string }) => Promise<[string, number, number]>;
const get = (target: string, expected: number): Step => async (agent, port) => [target, (await call(agent, port, target)).status, expected];
const STEPS: Step[] = [
  get('/', 200),
  get('/json/?q=load', 200),
  get('/static/css/site.css', 200),
  get('/static/robots.txt', 200),
  get('/echo/?q=%3Cb%3E', 200),
  get('/nope/', 404),
  get('/go/a/', 302),
  async (agent, port, form) => {
    const reply = await call(agent, port, '/form/', {
      method: 'POST',
      headers: { Cookie: form.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `csrfmiddlewaretoken=${encodeURIComponent(form.token)}&text=hello`,
    });
    return ['POST /form/', reply.body === '{"text": "hello"}' || reply.body === '{"text":"hello"}' ? reply.status : -reply.status, 200];
  },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

it(`${CLIENTS} keep-alive clients for ${SECONDS} s: no socket error, no unexpected status (seed ${seed})`, { timeout: (SECONDS + 60) * 1000 }, async () => {
  const server = pool.start(['runserver', '--noreload', '--insecure', '127.0.0.1:0'], {
    cwd: path.join(FIXTURES, 'hardening'),
    env: cleanEnv({ HARDEN_DEBUG: '0', MANAGE_RUNSERVER_HIDE_WARNING: 'true' }),
  });
  const port = Number(new URL(await server.ready()).port);
  const rss0 = rssKiB(server.pid);
  const latencies: number[] = [];
  const unexpected = new Map<string, number>();
  const errors = new Map<string, number>();
  const until = Date.now() + SECONDS * 1000;

  const client = async (n: number) => {
    const rng = new Prng(seed + n);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const page = await call(agent, port, '/form/');
      const form = {
        cookie: (page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; '),
        token: /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(page.body)![1]!,
      };
      while (Date.now() < until) {
        const started = performance.now();
        try {
          const [what, status, expected] = await rng.pick(STEPS)(agent, port, form);
          latencies.push(performance.now() - started);
          if (status !== expected) unexpected.set(`${what} → ${status}`, (unexpected.get(`${what} → ${status}`) ?? 0) + 1);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          errors.set(code, (errors.get(code) ?? 0) + 1);
        }
      }
    } finally {
      agent.destroy();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  const elapsed = (performance.now() - started) / 1000;

  const sorted = latencies.sort((a, b) => a - b);
  const rss1 = rssKiB(server.pid);
  console.log(
    `load: ${CLIENTS} clients, ${elapsed.toFixed(1)} s, ${sorted.length} requests, ${Math.round(sorted.length / elapsed)} req/s, ` +
      `latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms` +
      (HAS_PROC ? `, server RSS ${(rss0 / 1024).toFixed(1)} -> ${(rss1 / 1024).toFixed(1)} MiB` : ''),
  );
  assert.deepEqual(Object.fromEntries(errors), {}, 'socket errors');
  assert.deepEqual(Object.fromEntries(unexpected), {}, 'unexpected statuses');
  assert.ok(sorted.length > CLIENTS * 10, 'too few requests went through');
  assert.equal(server.child.exitCode, null, 'the server exited');
});
