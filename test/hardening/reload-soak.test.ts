/**
 * Reload soak: HARDEN_SOAK_EDITS edits (default 20; 100 for the full run) to a temp copy of the
 * hardening fixture under `manage runserver` (auto-reloader on) while clients loop requests on
 * fresh connections. Every fifth edit is a template (no restart), the rest a view (restart).
 * Zero failed requests; the supervisor leaks no child processes or descriptors and its RSS stays flat.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { descendantPids, RequestLoop, waitForResponse } from '../helpers/http-probe.js';
import { fdCount, HAS_PROC, rssKiB } from '../helpers/proc-stats.js';
import { cleanEnv, isAlive, ProcessPool } from '../helpers/spawn-cli.js';
import { tmpProject } from '../helpers/tmp-project.js';

const EDITS = Number(process.env.HARDEN_SOAK_EDITS ?? 20);
const pool = new ProcessPool();
const project = tmpProject('hardening');
after(async () => {
  await pool.killAll();
  project.cleanup();
});

function rewrite(file: string, pattern: RegExp, replacement: string): void {
  const full = path.join(project.dir, file);
  const text = readFileSync(full, 'utf8');
  assert.match(text, pattern, `${file} no longer has what the soak edits`);
  writeFileSync(full, text.replace(pattern, replacement));
}

/**
 * The supervisor's facts once its process tree has been still for two seconds: the spare starts
 * 150 ms after a swap and then warms tsx (which spawns its esbuild service, later still on a busy
 * machine), so a short quiet window can catch the tree before the spare and count it as a leak.
 */
async function settled(pid: number): Promise<{ children: number[]; fds: number; rss: number }> {
  let children = descendantPids(pid);
  let stillFor = 0;
  for (let i = 0; i < 200 && stillFor < 2000; i++) {
    await sleep(100);
    const now = descendantPids(pid);
    const same = now.length === children.length && now.every((p) => children.includes(p));
    stillFor = same ? stillFor + 100 : 0;
    children = now;
  }
  return { children, fds: fdCount(pid), rss: rssKiB(pid) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it(`${EDITS} edits under a request loop: no failed request, no leaked process or descriptor, flat supervisor RSS`, { timeout: 60_000 + EDITS * 3000 }, async () => {
  const server = pool.start(['runserver', '127.0.0.1:0'], { cwd: project.dir, env: cleanEnv({ HARDEN_DEBUG: '1', MANAGE_RUNSERVER_HIDE_WARNING: 'true' }) });
  const url = await server.ready();
  await waitForResponse(`${url}/body/`, (p) => p.body === 'v0');
  const before = await settled(server.pid);

  const views = new RequestLoop(`${url}/body/`, 3);
  const pages = new RequestLoop(`${url}/echo/?q=soak`, 1);
  const latencies: number[] = [];
  for (let i = 1; i <= EDITS; i++) {
    const token = `v${i}`;
    const started = performance.now();
    if (i % 5 === 0) {
      rewrite('templates/echo.html', /<p>[^<]*<%= it\.q %><\/p>/, `<p>${token} <%= it.q %></p>`);
      await waitForResponse(`${url}/echo/?q=soak`, (p) => p.body?.includes(`${token} soak`) === true);
    } else {
      rewrite('site/views.ts', /BODY = '[^']*'/, `BODY = '${token}'`);
      await waitForResponse(`${url}/body/`, (p) => p.body === token);
    }
    latencies.push(performance.now() - started);
    await sleep(50);
  }
  await views.stop();
  await pages.stop();
  const afterAll = await settled(server.pid);

  const restarts = server.stderr.split('changed, reloading.').length - 1;
  console.log(
    `reload soak: ${EDITS} edits (${restarts} restarts), edit -> new content median ${median(latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; ` +
      `${views.ok + pages.ok} requests, ${views.failures.length + pages.failures.length} failed; supervisor children ${before.children.length} -> ${afterAll.children.length}, ` +
      `fds ${before.fds} -> ${afterAll.fds}, RSS ${(before.rss / 1024).toFixed(1)} -> ${(afterAll.rss / 1024).toFixed(1)} MiB`,
  );
  assert.deepEqual([...views.failures, ...pages.failures], [], 'failed requests during reloads');
  assert.ok(views.ok > EDITS, 'the request loop barely ran');
  const gone = before.children.filter((pid) => !isAlive(pid));
  assert.ok(gone.length > 0, 'no child was ever replaced: did the edits restart anything?');
  if (HAS_PROC) {
    assert.ok(afterAll.children.length <= before.children.length, `processes leaked: ${before.children.length} -> ${afterAll.children.length}`);
    assert.ok(afterAll.fds <= before.fds + 2, `descriptors leaked: ${before.fds} -> ${afterAll.fds}`);
    assert.ok(afterAll.rss <= before.rss + 16 * 1024, `supervisor RSS grew: ${before.rss} -> ${afterAll.rss} KiB`);
  }
});
