/**
 * The names highlights are painted under, and the stylesheet that colours them. On a web page the
 * names are drawn anew for every page load (the page side draws them, the background injects the
 * matching stylesheet as extension CSS, out of the page's reach), so a page script that lists
 * `CSS.highlights` sees only meaningless names: not which slot, type or colour a name stands for,
 * and not the same names on the next visit. The extension's own pages (the reader) use fixed names.
 */
import { PALETTE } from './claim-types';

/**
 * The name of each colour slot (by slot number), of the flash shown when a highlight is shown, and
 * of the mark over highlights whose text changed on the page since (a dashed underline).
 */
export interface PaintNames {
  slots: string[];
  flash: string;
  changed: string;
}

/** A paint name as the page side may send it: a letter and 11–31 lower-case letters or digits. */
export const PAINT_NAME = /^[a-z][a-z0-9]{11,31}$/;

/** Fixed names for the extension's own pages: `marginalia-0` … `marginalia-15`, `marginalia-flash`. */
export function fixedPaintNames(): PaintNames {
  return {
    slots: PALETTE.map((_, slot) => `marginalia-${slot}`),
    flash: 'marginalia-flash',
    changed: 'marginalia-changed',
  };
}

/** Fresh random names, one per slot and one for the flash, all distinct. */
export function randomPaintNames(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => crypto.getRandomValues(b),
): PaintNames {
  const seen = new Set<string>();
  const draw = (): string => {
    for (;;) {
      const bytes = random(new Uint8Array(12));
      const name = `h${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
      if (!seen.has(name)) {
        seen.add(name);
        return name;
      }
    }
  };
  return { slots: PALETTE.map(draw), flash: draw(), changed: draw() };
}

/** True when `names` is a full, valid set (one per slot, distinct, each a safe CSS identifier). */
export function validPaintNames(names: PaintNames): boolean {
  const all = [...names.slots, names.flash, names.changed];
  return (
    names.slots.length === PALETTE.length && all.every((n) => PAINT_NAME.test(n)) && new Set(all).size === all.length
  );
}

/** How a highlight whose text changed on the page looks there: a dashed red underline. */
export const CHANGED_STYLE =
  'text-decoration: underline dashed rgb(196, 48, 43); text-decoration-thickness: 2px; text-underline-offset: 3px;';

function rgba(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * True when `names` are styled on this document: the root's highlight of the first slot computes
 * to that slot's colour (a stylesheet put into the tab may have reached the document before this
 * one). False where the browser cannot say.
 */
export function styledOn(doc: Document, names: PaintNames): boolean {
  try {
    const style = doc.defaultView?.getComputedStyle(doc.documentElement, `::highlight(${names.slots[0]})`);
    return style?.backgroundColor === rgba(PALETTE[0] as string, 0.35);
  } catch {
    return false;
  }
}

/**
 * The stylesheet for a set of names: each slot's colour through the Highlight API and, for
 * browsers without it, on the fallback `<marginalia-mark>` elements; the flash on top.
 *
 * `fromRoot`: the rules are set on the root element's highlights alone (`:root::highlight(…)`),
 * for browsers where highlight pseudo-elements inherit from the parent's (Chromium). A rule for
 * every element (`::highlight(…)`, i.e. `*::highlight(…)`) makes the browser recalculate the style
 * of every element of the page when the sheet is added — 60–170 ms on a 24,000-element page; set on
 * the root, the same paint costs a fraction of that. Firefox (140) does not inherit highlights, and
 * needs the rule on every element.
 */
export function paintStylesheet(names: PaintNames, { fromRoot }: { fromRoot: boolean }): string {
  if (!validPaintNames(names)) throw new Error('Invalid paint names');
  const on = fromRoot ? ':root' : '';
  const lines: string[] = [];
  PALETTE.forEach((hex, slot) => {
    lines.push(`${on}::highlight(${names.slots[slot]}) { background-color: ${rgba(hex, 0.35)}; }`);
  });
  lines.push('marginalia-mark { all: unset; display: inline; }');
  PALETTE.forEach((hex, slot) => {
    lines.push(`marginalia-mark.${names.slots[slot]} { background-color: ${rgba(hex, 0.35)}; }`);
  });
  lines.push(`${on}::highlight(${names.flash}) { background-color: rgba(255, 196, 0, 0.85); color: #000; }`);
  lines.push(`${on}::highlight(${names.changed}) { ${CHANGED_STYLE} }`);
  return `${lines.join('\n')}\n`;
}
