/**
 * The request fuzzer: hostile bytes over raw sockets against a real `manage runserver --noreload`
 * (DEBUG off and on), in batches, with a canary request after each batch and slowloris clients
 * trickling their heads the whole time. Bounded by HARDEN_FUZZ_SECONDS (default 25 per variant,
 * both variants in parallel); HARDEN_FUZZ_SEED replays a run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HAS_PROC, rssKiB } from '../helpers/proc-stats.js';
import { Prng, seedFrom } from '../helpers/prng.js';
import { sendRaw, type Exchange } from '../helpers/raw-http.js';
import { cleanEnv, ProcessPool, REPO_ROOT } from '../helpers/spawn-cli.js';
import { FIXTURES } from '../helpers/tmp-project.js';
import { fuzzCase, SMUGGLED } from './fuzz-cases.js';
import { violations } from './invariants.js';

const SECONDS = Number(process.env.HARDEN_FUZZ_SECONDS ?? 25);
const BATCH = 32;
const SLOWLORIS = 40;
const seed = seedFrom('HARDEN_FUZZ_SEED');
const cwd = path.join(FIXTURES, 'hardening');
const SECRETS = [
  readFileSync(path.join(cwd, 'public/secret.txt'), 'utf8').trim(),
  readFileSync(path.join(cwd, 'public/static/.env'), 'utf8').trim(),
  /SECRET_KEY = '([^']+)'/.exec(readFileSync(path.join(cwd, 'site/settings.ts'), 'utf8'))![1]!,
  readFileSync('/etc/passwd', 'utf8').split('\n')[0]!,
];

const pool = new ProcessPool();
after(() => pool.killAll());

const GET_HOME = Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');

/** A plain request on a fresh connection must get a 200 quickly: the server is alive and not stuck. */
async function canary(port: number): Promise<string | undefined> {
  const reply = await sendRaw(port, [GET_HOME], { timeoutMs: 5000 });
  return /^HTTP\/1\.1 200 /.test(reply.bytes.toString('latin1')) ? undefined : `canary failed: ${JSON.stringify(reply.bytes.subarray(0, 80).toString('latin1'))} hung=${reply.hung}`;
}

/** Clients that send a head one byte per second and never finish it. */
function slowloris(port: number): Promise<Exchange[]> {
  const head = Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(200));
  const bytes = [...head].map((b) => Buffer.from([b]));
  return Promise.all(Array.from({ length: SLOWLORIS }, () => sendRaw(port, bytes, { gapMs: 1000, end: false, timeoutMs: 60_000 })));
}

async function fuzz(debug: boolean): Promise<void> {
  const rng = new Prng(seed + (debug ? 1 : 0));
  const server = pool.start(['runserver', '--noreload', '--insecure', '127.0.0.1:0'], {
    cwd,
    env: cleanEnv({ HARDEN_DEBUG: debug ? '1' : '0', MANAGE_RUNSERVER_HIDE_WARNING: 'true' }),
  });
  const port = Number(new URL(await server.ready()).port);
  const expectation = { production: !debug, secrets: SECRETS, paths: [cwd, REPO_ROOT.replace(/\/$/, '')] };
  const problems: string[] = [];
  const families = new Map<string, number>();

  // Warm up (JIT, caches, templates) before the memory baseline.
  for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 20 }, () => sendRaw(port, [GET_HOME])));
  const baseline = rssKiB(server.pid);
  const slow = slowloris(port);
  let peak = baseline;

  const until = Date.now() + SECONDS * 1000;
  let batches = 0;
  while (Date.now() < until && problems.length < 20) {
    const cases = Array.from({ length: BATCH }, () => fuzzCase(rng));
    const replies = await Promise.all(cases.map((c) => sendRaw(port, c.chunks, { gapMs: c.gapMs })));
    cases.forEach((c, i) => {
      families.set(c.family, (families.get(c.family) ?? 0) + 1);
      for (const problem of violations(replies[i]!, { ...expectation, allow: c.allow!, head: c.head, answer: c.answer })) {
        problems.push(`${c.family}: ${problem}\n    sent: ${JSON.stringify(Buffer.concat(c.chunks).subarray(0, 300).toString('latin1'))}`);
      }
    });
    const dead = server.child.exitCode !== null || server.child.signalCode !== null;
    if (dead) problems.push(`server died (${server.child.exitCode ?? server.child.signalCode})`);
    const canaryProblem = dead ? undefined : await canary(port);
    if (canaryProblem) problems.push(`after batch ${batches + 1}: ${canaryProblem}`);
    if (dead) break;
    batches++;
    peak = Math.max(peak, rssKiB(server.pid));
  }

  // Slowloris: every trickling client is timed out (closed) by the server, none hangs on.
  const slowReplies = await slow;
  const lingering = slowReplies.filter((r) => !r.closed).length;
  if (lingering) problems.push(`${lingering} of ${SLOWLORIS} slowloris clients were never timed out`);
  for (const reply of slowReplies) {
    const status = /^HTTP\/1\.1 (\d{3})/.exec(reply.bytes.toString('latin1'))?.[1];
    if (status !== undefined && status !== '408') problems.push(`slowloris client got ${status}`);
  }
  const finalCanary = await canary(port);
  if (finalCanary) problems.push(`after slowloris: ${finalCanary}`);

  // Served means an access line with a byte count (a refusal logs `-`).
  if (new RegExp(`"GET ${SMUGGLED} HTTP/1\\.1" \\d+ \\d+`).test(server.stderr)) problems.push('a smuggled request was served');
  if (/Exception while serving|Server error:/.test(server.stderr)) problems.push(`the server logged an internal failure:\n${server.stderr.slice(-2000)}`);

  await sleep(1500);
  const after = rssKiB(server.pid);
  const label = debug ? 'DEBUG on ' : 'DEBUG off';
  console.log(
    `fuzz ${label}: seed ${seed}, ${batches} batches x ${BATCH}, RSS ${(baseline / 1024).toFixed(1)} MiB, peak ${(peak / 1024).toFixed(1)}, after ${(after / 1024).toFixed(1)}, ` +
      [...families].map(([family, n]) => `${family} ${n}`).join(', '),
  );
  if (HAS_PROC && after > baseline * 1.5 + 32 * 1024) problems.push(`RSS grew from ${baseline} KiB to ${after} KiB`);
  assert.ok(batches > 0, 'no batch ran');
  assert.deepEqual(problems, [], `fuzz ${label} failed; replay with HARDEN_FUZZ_SEED=${seed}`);
}

describe(`request fuzzer (seed ${seed}; replay with HARDEN_FUZZ_SEED=${seed})`, { concurrency: 2 }, () => {
  it('DEBUG off: never dies, hangs, leaks or answers garbage', { timeout: (SECONDS + 60) * 1000 }, () => fuzz(false));
  it('DEBUG on: never dies, hangs or answers garbage; reflected input stays escaped', { timeout: (SECONDS + 60) * 1000 }, () => fuzz(true));
});
