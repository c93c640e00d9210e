/** Python's difflib.get_close_matches (Ratcliff/Obershelp, cutoff 0.6), for "Did you mean ...?". */

function matchingCharacters(a: string, b: string): number {
  if (!a || !b) return 0;
  let best = 0;
  let bestA = 0;
  let bestB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) [best, bestA, bestB] = [k, i, j];
    }
  }
  if (best === 0) return 0;
  return (
    best +
    matchingCharacters(a.slice(0, bestA), b.slice(0, bestB)) +
    matchingCharacters(a.slice(bestA + best), b.slice(bestB + best))
  );
}

export function similarity(a: string, b: string): number {
  const total = a.length + b.length;
  return total === 0 ? 1 : (2 * matchingCharacters(a, b)) / total;
}

/** The closest candidate scoring at least `cutoff`, or undefined. */
export function closestMatch(word: string, candidates: readonly string[], cutoff = 0.6): string | undefined {
  let best: string | undefined;
  let bestScore = cutoff;
  for (const candidate of candidates) {
    const score = similarity(word, candidate);
    if (score >= bestScore && (best === undefined || score > bestScore)) [best, bestScore] = [candidate, score];
  }
  return best;
}
