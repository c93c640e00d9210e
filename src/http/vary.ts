/** Django's patch_vary_headers: adds names to `Vary` once each, case-insensitively, keeping order. */
import type { HttpResponse } from './response.js';

export function patchVaryHeaders(response: HttpResponse, names: readonly string[]): void {
  const current = response.headers.get('Vary');
  const vary = current ? current.split(/\s*,\s*/) : [];
  const seen = new Set(vary.map((name) => name.toLowerCase()));
  for (const name of names) if (!seen.has(name.toLowerCase())) vary.push(name);
  response.headers.set('Vary', vary.includes('*') ? '*' : vary.join(', '));
}
