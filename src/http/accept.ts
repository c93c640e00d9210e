/** Content negotiation on the Accept header (RFC 9110 §12.5.1), as far as the error pages need it. */

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().split(';');
    const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    ranges.push({ type, subtype, q: Number.isFinite(q) ? q : 0 });
  }
  return ranges;
}

/** The quality the client gives `mediaType`, taken from its most specific matching range. */
export function acceptQuality(header: string | undefined, mediaType: string): number {
  if (header === undefined || header.trim() === '') return 1;
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of parseAccept(header)) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' ? 0 : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/** True when the client prefers text/plain over text/html (ties and absent headers go to HTML). */
export function prefersPlainText(header: string | undefined): boolean {
  return acceptQuality(header, 'text/plain') > acceptQuality(header, 'text/html');
}
