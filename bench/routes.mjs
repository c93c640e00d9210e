// Resolution cost against URLconf size: resolving the LAST route of 10, 100 and 1,000 routes.
// Usage: npm run build && node bench/routes.mjs
// Prints ns/op per size and the 1000:10 ratio (the target is at most 3x).
import { include, path, Resolver } from '../dist/index.js';

const SIZES = [10, 100, 1000];
const RUNS = 21;
const OPS = 20_000;

const view = () => undefined;

/** Flat: `r0/<int:id>/` … `r{n-1}/<int:id>/` at the root. */
function flat(n) {
  const patterns = Array.from({ length: n }, (_, i) => path(`r${i}/<int:id>/`, view, { name: `r${i}` }));
  return { patterns, url: `/r${n - 1}/42/` };
}

/** Nested: everything under one shared `api/` include (one literal first segment for all). */
function nested(n) {
  const inner = Array.from({ length: n }, (_, i) => path(`items${i}/<slug:slug>/`, view, { name: `i${i}` }));
  return { patterns: [path('health/', view), path('api/', include(inner))], url: `/api/items${n - 1}/some-slug/` };
}

function time(resolver, url) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) resolver.resolve(url);
  return Number(process.hrtime.bigint() - start) / OPS;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rows = [];
for (const [name, build] of [['flat', flat], ['nested', nested]]) {
  const cases = [];
  for (const size of SIZES) {
    const { patterns, url } = build(size);
    const resolver = await Resolver.load(patterns);
    resolver.resolve(url); // throws if the last route does not resolve
    time(resolver, url); // warm-up
    cases.push({ size, resolver, url, samples: [] });
  }
  // Sizes take turns within each run, so drift and GC pauses fall on all of them alike.
  for (let run = 0; run < RUNS; run++) for (const c of cases) c.samples.push(time(c.resolver, c.url));
  const costs = Object.fromEntries(cases.map((c) => [c.size, median(c.samples)]));
  rows.push({ name, costs, ratio: costs[1000] / costs[10] });
}

console.log(`resolve() of the last route, median of ${RUNS} runs x ${OPS} ops (node ${process.version})`);
console.log(`${'urlconf'.padEnd(8)}${SIZES.map((s) => `${s} routes`.padStart(14)).join('')}${'1000:10'.padStart(10)}`);
for (const { name, costs, ratio } of rows) {
  console.log(`${name.padEnd(8)}${SIZES.map((s) => `${costs[s].toFixed(0)} ns/op`.padStart(14)).join('')}${ratio.toFixed(2).padStart(10)}`);
}
const worst = Math.max(...rows.map((r) => r.ratio));
console.log(worst <= 3 ? `OK: worst 1000:10 ratio ${worst.toFixed(2)} <= 3` : `FAIL: worst 1000:10 ratio ${worst.toFixed(2)} > 3`);
process.exitCode = worst <= 3 ? 0 : 1;
