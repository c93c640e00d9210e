// Baseline: raw node:http answering GET / with `hello` and GET /hello/:name with the template page
// (explicit Content-Length, keep-alive).
import http from 'node:http';

const BODY = 'hello';
const HELLO = /^\/hello\/([^/?]+)$/;
// The reload bench runs a copy of this file on its own (no page.mjs, no eta): hello only then.
const page = await import('./page.mjs').catch(() => undefined);

function send(res, type, body) {
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  end(res, body);
}

// BATCH_ENDS=1 (another calibration row): the responses ended in one event-loop turn are written
// together after it, as managets' dev server does (src/http/server.ts), to show what that alone
// is worth to a bare server on this machine.
let pending = [];
const flush = () => {
  const batch = pending;
  pending = [];
  for (const [res, body] of batch) res.end(body);
};
const end = process.env.BATCH_ENDS === '1' ? (res, body) => pending.push([res, body]) === 1 && setImmediate(flush) : (res, body) => res.end(body);

function serve(req, res) {
  const match = page && HELLO.exec(req.url);
  if (match) return send(res, 'text/html; charset=utf-8', page.renderPage(decodeURIComponent(match[1])));
  send(res, 'text/plain; charset=utf-8', BODY);
}

// BUSY_US: burn that much CPU per request first (bench/throughput.mjs's calibration row). Chosen
// once here, so the baseline itself does no extra work per request.
const busyNs = BigInt(Math.round(Number(process.env.BUSY_US ?? 0) * 1000));
function busyThenServe(req, res) {
  const until = process.hrtime.bigint() + busyNs;
  while (process.hrtime.bigint() < until);
  serve(req, res);
}

http.createServer(busyNs > 0n ? busyThenServe : serve).listen(Number(process.env.PORT), '127.0.0.1');
