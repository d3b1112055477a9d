// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { anchorSelectors, type Selectors } from '@/lib/anchoring/anchor';
import { describeSpan } from '@/lib/anchoring/describe';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { rangeOf } from '@/lib/anchoring/text-ranges';
import { Painter, slotName } from '@/lib/highlighting/painter';
import { Annotator } from '@/lib/page/annotator';
import { type PaintNames, randomPaintNames } from '@/lib/paint-style';

const HTML = '<p>Giá xăng <b>tăng</b> mạnh trong tháng 8, theo <a href="#">Bộ Công Thương</a>.</p><p>Đoạn hai.</p>';

/** Gives jsdom the CSS Custom Highlight API over `registry` (undefined: takes it away). */
function fakeHighlightApi(registry: Map<string, Set<Range>> | undefined): void {
  const win = window as unknown as { CSS: unknown; Highlight: unknown };
  win.CSS = registry && { highlights: registry };
  win.Highlight = class extends Set<Range> {};
}

function setup() {
  document.body.innerHTML = HTML;
  const index = buildTextIndex(document.body);
  const at = index.text.indexOf('tăng mạnh');
  return { index, range: rangeOf(index, at, index.text.indexOf('Công') + 4) };
}

describe('painter', () => {
  it('paints through CSS.highlights under an opaque slot name, leaving the DOM untouched', () => {
    const registry = new Map<string, Set<Range>>();
    fakeHighlightApi(registry);
    const { range } = setup();
    const before = document.body.innerHTML;
    const painter = new Painter(document);
    expect(painter.usesHighlightApi).toBe(true);
    painter.add('secret-id', [range], 3);
    expect([...registry.keys()]).toEqual([slotName(3)]);
    expect(document.body.innerHTML).toBe(before);
    painter.remove('secret-id');
    expect(registry.size).toBe(0);
    fakeHighlightApi(undefined);
  });

  it('paints many at once, registering each slot once when it is full', () => {
    const sets: Set<Range>[] = [];
    const registry = new (class extends Map<string, Set<Range>> {
      override set(name: string, set: Set<Range>) {
        sets.push(new Set(set));
        return super.set(name, set);
      }
    })();
    fakeHighlightApi(registry);
    const { range } = setup();
    const painter = new Painter(document);
    painter.add('old', [range], 1);
    sets.length = 0;
    painter.addAll([
      { id: 'a', ranges: [range.cloneRange()], slot: 1 },
      { id: 'b', ranges: [range.cloneRange()], slot: 2 },
      { id: 'c', ranges: [range.cloneRange()], slot: 1 },
    ]);
    // Each slot registered once, already holding all its ranges (the earlier one kept).
    expect(sets.map((s) => s.size).sort()).toEqual([1, 3]);
    expect(painter.ids().sort()).toEqual(['a', 'b', 'c', 'old']);
    painter.clear();
    expect(registry.size).toBe(0);
    fakeHighlightApi(undefined);
  });

  it('falls back to wrapping, and removing leaves the page exactly as it was', () => {
    const { range } = setup();
    const before = document.body.innerHTML;
    const painter = new Painter(document, false);
    painter.add('h', [range], 1);
    expect(document.querySelectorAll('marginalia-mark').length).toBe(3);
    expect([...document.querySelectorAll('marginalia-mark')].map((m) => m.textContent).join('')).toBe(
      'tăng mạnh trong tháng 8, theo Bộ Công',
    );
    painter.remove('h');
    expect(document.body.innerHTML).toBe(before);
  });

  it('moves what is painted to other names (the names styled as the load began)', () => {
    const registry = new Map<string, Set<Range>>();
    fakeHighlightApi(registry);
    const { range } = setup();
    const [first, second] = [randomPaintNames(), randomPaintNames()] as [PaintNames, PaintNames];
    const painter = new Painter(document, true, first);
    painter.add('h', [range], 3);
    painter.rename(second);
    expect([...registry.keys()]).toEqual([second.slots[3]]);
    expect(painter.names).toBe(second);
    painter.add('g', [range], 5);
    expect([...registry.keys()].sort()).toEqual([second.slots[3], second.slots[5]].sort());
    fakeHighlightApi(undefined);
    // Without the Highlight API the marks change class.
    const { range: again } = setup();
    const wrapping = new Painter(document, false, first);
    wrapping.add('h', [again], 1);
    wrapping.rename(second);
    const classes = [...document.querySelectorAll('marginalia-mark')].map((m) => m.className);
    expect(classes.length).toBeGreaterThan(0);
    expect(new Set(classes)).toEqual(new Set([second.slots[1]]));
  });
});

describe('late content', () => {
  it('retries orphans when the article body arrives later, without re-anchoring what is painted', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<article><p>Lead paragraph of the story.</p></article>';
    const full = document.createElement('div');
    full.innerHTML = '<p>Lead paragraph of the story.</p><p>The body arrives late, after a script fetches it.</p>';
    const later = buildTextIndex(full);
    const at = later.text.indexOf('arrives late');
    const selector = describeSpan(later, at, at + 'arrives late'.length) as Selectors;
    const lead = describeSpan(later, 0, 4) as Selectors;
    const a = new Annotator(document);
    const first = a.paint([
      { id: 'lead', slot: 0, selector: lead },
      { id: 'late', slot: 1, selector },
    ]);
    expect(first.map((r) => r.status)).toEqual(['anchored', 'orphan']);
    const painted = a.painter.rangesOf('lead');
    document
      .querySelector('article')
      ?.insertAdjacentHTML('beforeend', '<p>The body arrives late, after a script fetches it.</p>');
    a.contentChanged();
    vi.advanceTimersByTime(500);
    expect(a.painter.rangesOf('late')?.[0]?.toString()).toBe('arrives late');
    expect(a.painter.rangesOf('lead')).toBe(painted);
    expect(anchorSelectors(a.textIndex(), selector).status).toBe('anchored');
    vi.useRealTimers();
  });
});
