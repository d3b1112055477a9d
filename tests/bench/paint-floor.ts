/**
 * The floor under a first paint, for a script the benchmark puts in a freshly loaded page where
 * nothing has made a Range or a Highlight yet (as where Marginalia's paint is the page's first):
 * the same Ranges made from their known boundaries and put into seven Highlights registered once
 * each, with none of Marginalia's code: what the browser itself takes the first time. Parts 4 and 9.
 */

/** One Range's boundaries: start text node (its index among the body's text nodes), offset, end node, offset. */
export type Bounds = [number, number, number, number];

/** The body's text nodes, in document order. */
export function textNodes(): Text[] {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

/** Milliseconds to make the Ranges and register them, the nodes found first (not timed). */
export function paintFloor(bounds: Bounds[]): number {
  const nodes = textNodes();
  const HighlightCtor = (window as unknown as { Highlight: new () => Set<Range> }).Highlight;
  const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  const t0 = performance.now();
  const sets = Array.from({ length: 7 }, () => new HighlightCtor());
  bounds.forEach(([s, so, e, eo], i) => {
    const range = document.createRange();
    range.setStart(nodes[s] as Text, so);
    range.setEnd(nodes[e] as Text, eo);
    sets[i % 7]?.add(range);
  });
  for (const [i, set] of sets.entries()) registry.set(`floor-${i}`, set);
  return performance.now() - t0;
}

Object.assign(globalThis, { __marginaliaPaintFloor: paintFloor });
