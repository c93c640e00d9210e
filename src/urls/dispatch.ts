/**
 * Picks the patterns that could match a path without trying them all, keeping their order.
 *
 * Each pattern is filed under the complete literal segments its regex starts with
 * (`blog/archive/<int:y>/` under blog → archive; `<slug:s>/` and unanchored regexes at the root).
 * A path collects the patterns filed along its own leading segments, already merged in URLconf
 * order, so first-match-wins is unchanged while 1,000 routes with distinct prefixes cost about
 * what 10 do. A pattern is only skipped when its literal prefix rules the path out.
 */

interface TrieNode<T> {
  readonly own: number[];
  readonly children: Map<string, TrieNode<T>>;
  /** Items filed here or on any ancestor, in URLconf order: the candidates for a path ending here. */
  candidates: readonly T[];
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! < b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

export class Dispatch<T> {
  readonly #items: readonly T[];
  readonly #root: TrieNode<T> = { own: [], children: new Map(), candidates: [] };

  /** `prefixes[i]` is the literal text every match of `items[i]` starts with. */
  constructor(items: readonly T[], prefixes: readonly string[]) {
    this.#items = items;
    prefixes.forEach((prefix, index) => {
      const segments = prefix.split('/').slice(0, -1);
      let node = this.#root;
      for (const segment of segments) {
        let child = node.children.get(segment);
        if (!child) node.children.set(segment, (child = { own: [], children: new Map(), candidates: [] }));
        node = child;
      }
      node.own.push(index);
    });
    this.#fill(this.#root, []);
  }

  #fill(node: TrieNode<T>, inherited: readonly number[]): void {
    const merged = mergeSorted(inherited, node.own);
    node.candidates = merged.map((index) => this.#items[index]!);
    for (const child of node.children.values()) this.#fill(child, merged);
  }

  /** The items that may match `path`, in their original order. */
  candidates(path: string): readonly T[] {
    let node = this.#root;
    let start = 0;
    for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
      const child = node.children.get(path.slice(start, slash));
      if (!child) break;
      node = child;
      start = slash + 1;
    }
    return node.candidates;
  }
}
