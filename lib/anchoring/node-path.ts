/**
 * Paths to a page's text nodes, as anchor hints keep them (./hint.ts): XPath-like steps from the body
 * or from the nearest element with an id of its own (`id('content')/div[2]/p[3]/text()[1]`: each step
 * a tag, or `text()`, and its 1-based place among its parent's children of that kind, as XPath
 * counts), made from a node and followed back to one. Page side.
 */

/**
 * An id a path may start from: plain, and not one that looks made anew on each load (a run of
 * digits, React's `:r1:`), which would make every hint under it miss on the next load.
 */
const STABLE_ID = /^[A-Za-z][A-Za-z_-]*(?:[0-9]{1,2}[A-Za-z_-]+)*[0-9]{0,2}$/;

/**
 * The path from `root` to a text node under it, or null when the node is not under it. It starts at
 * the nearest element above the node with an id of its own (`id('content')/p[3]/text()[1]`), found
 * again at once by the browser, and less touched by changes elsewhere on the page.
 */
export function textPath(root: Node, node: Text): string | null {
  let k = 1;
  for (let s = node.previousSibling; s; s = s.previousSibling) if (s.nodeType === 3) k++;
  const steps = [`text()[${k}]`];
  const doc = node.ownerDocument;
  for (let p = node.parentNode; p !== root; p = p.parentNode) {
    if (p?.nodeType !== 1) return null;
    const el = p as Element;
    const id = el.id;
    if (id && id.length <= 100 && STABLE_ID.test(id) && doc.getElementById(id) === el) {
      steps.push(`id('${id}')`);
      break;
    }
    const name = el.localName;
    let i = 1;
    for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === name) i++;
    steps.push(`${name}[${i}]`);
  }
  return steps.reverse().join('/');
}

/** Finds the nodes paths lead to under one root, each step from a node looked up once. */
export class PathResolver {
  /** Per node: the child each step from it led to. */
  private readonly steps = new Map<Node, Map<string, Node | null>>();
  /** Per node and kind of child: the last one found, and its place among its kind. */
  private readonly last = new Map<Node, Map<string, { counted: number; node: Node }>>();

  constructor(private readonly root: Node) {}

  /** The node at `path`, or null when the page has none there. */
  resolve(path: string): Node | null {
    // Step by step from the root, each step's answer kept under its node: the paths of one page share
    // most of their steps, and a short key is found faster than a long path (a 1 MB page's deep
    // paths, kept whole and by their parents' paths, took 4–7 ms for 200 hints).
    let node: Node | null = this.root;
    for (const step of path.split('/')) {
      if (node === this.root && step.startsWith("id('")) {
        const el = (this.root.ownerDocument ?? (this.root as Document)).getElementById(step.slice(4, -2));
        if (!el || !step.endsWith("')") || !this.root.contains(el)) return null;
        node = el;
        continue;
      }
      let known = this.steps.get(node);
      if (!known) {
        known = new Map();
        this.steps.set(node, known);
      }
      let next = known.get(step);
      if (next === undefined) {
        // `name[k]`, read without a regular expression.
        const open = step.indexOf('[');
        const k = open > 0 && step.endsWith(']') ? Number(step.slice(open + 1, -1)) : 0;
        next = Number.isInteger(k) && k >= 1 ? this.child(node, step.slice(0, open), k) : null;
        known.set(step, next);
      }
      if (!next) return null;
      node = next;
    }
    return node;
  }

  /** `child`, going on from the last child of that kind found under `parent` when it comes before. */
  private child(parent: Node, name: string, k: number): Node | null {
    let kinds = this.last.get(parent);
    if (!kinds) {
      kinds = new Map();
      this.last.set(parent, kinds);
    }
    const found = child(parent, name, k, kinds.get(name));
    if (found) kinds.set(name, { counted: k, node: found });
    return found;
  }
}

/**
 * The k-th (from 1) child of `parent` that is a text node (`text()`) or an element named `name`,
 * counted along the siblings (most steps of a path are a first or second child; grouping each
 * parent's children once took longer on a 1 MB page), from the first, or on from `after`, the
 * `counted`-th such child: an article's paths come in document order, each going on where the one
 * before stopped.
 */
function child(parent: Node, name: string, k: number, after?: { counted: number; node: Node }): Node | null {
  let left = k;
  const on = after && after.counted <= k ? after : undefined;
  if (on) {
    left = k - on.counted;
    if (left === 0) return on.node;
  }
  if (name === 'text()') {
    for (let c = on ? on.node.nextSibling : parent.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 && --left === 0) return c;
    }
    return null;
  }
  if (parent.nodeType !== 1) return null;
  const from = on ? (on.node as Element).nextElementSibling : (parent as Element).firstElementChild;
  for (let c = from; c; c = c.nextElementSibling) if (c.localName === name && --left === 0) return c;
  return null;
}
