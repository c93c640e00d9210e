// One GET per fresh connection, so a refused or reset connection during a restart is seen.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { sleep } from './processes.mjs';

export function get(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const started = performance.now();
    const done = (result) => resolve({ ...result, started, ended: performance.now() });
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode, body }));
      res.on('error', (error) => done({ error: error.code ?? error.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => done({ error: error.code ?? error.message }));
  });
}

/** Polls until a 200 whose body includes `token` (any 200 when undefined); ms since `since`. */
export async function waitFor(url, { since = performance.now(), token, intervalMs = 5, timeoutMs = 60_000, child } = {}) {
  while (performance.now() - since < timeoutMs) {
    if (child && child.exitCode !== null) throw new Error(`server exited early (code ${child.exitCode})`);
    const r = await get(url);
    if (r.status === 200 && (token === undefined || r.body.includes(token))) return r.ended - since;
    await sleep(intervalMs);
  }
  throw new Error(`no 200${token ? ` with ${token}` : ''} from ${url} within ${timeoutMs} ms`);
}
