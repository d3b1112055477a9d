// @vitest-environment jsdom
/**
 * A highlight found anywhere but exactly where its stored quote stands is never silent: the page
 * side reports the change with the text it landed on and marks it on the page; the word-level diff
 * shows what changed, in Vietnamese, CJK and Arabic, and nothing for a page served in NFD.
 */
import { describe, expect, it } from 'vitest';
import type { Selectors } from '@/lib/anchoring/anchor';
import { describeSpan } from '@/lib/anchoring/describe';
import { buildTextIndex } from '@/lib/anchoring/text-index';
import { Annotator } from '@/lib/page/annotator';
import { wordDiff } from '@/lib/ui/word-diff';

const KY = 'Cấp ủy cơ sở rà soát kỹ lưỡng các quần chúng ưu tú tham gia các lớp bồi dưỡng về Đảng';
const KI = 'Cấp ủy cơ sở rà soát kĩ lưỡng các quần chúng ưu tú tham gia các lớp bồi dưỡng về Đảng';

function selectorsOn(html: string, quote: string): Selectors {
  const div = document.createElement('div');
  div.innerHTML = html;
  const index = buildTextIndex(div);
  const at = index.text.indexOf(quote);
  return describeSpan(index, at, at + quote.length) as Selectors;
}

function registry() {
  const win = window as unknown as { CSS: unknown; Highlight: unknown };
  const names = new Map<string, Set<Range>>();
  win.CSS = { highlights: names };
  win.Highlight = class extends Set<Range> {
    constructor(...ranges: Range[]) {
      super(ranges);
    }
  };
  return names;
}

describe('changed text on the page', () => {
  it('reports an edited passage with the text it landed on, and marks it on the page', () => {
    const names = registry();
    const before = `<p>Mở đầu bài viết.</p><p>${KY}.</p><p>Kết thúc.</p>`;
    const selector = selectorsOn(before, KY);
    document.body.innerHTML = `<p>Mở đầu bài viết.</p><p>${KI}.</p><p>Kết thúc.</p>`;
    const a = new Annotator(document);
    const [result] = a.paint([{ id: 'h1', slot: 1, selector }]);
    expect(result).toMatchObject({ id: 'h1', status: 'anchored', change: 'edited' });
    expect(result?.candidate?.[0].exact).toBe(KI);
    expect(a.painter.isChanged('h1')).toBe(true);
    expect(names.get(a.names.changed)?.size).toBe(1);
    // Asked again (the sidebar repaints), it still says so.
    expect(a.paint([{ id: 'h1', slot: 1, selector }])[0]).toMatchObject({ change: 'edited' });
  });

  it('says nothing for the same words, re-wrapped or in NFD', () => {
    registry();
    const selector = selectorsOn(`<p>${KY}.</p>`, KY);
    document.body.innerHTML = `<p>${KY.normalize('NFD').replace(/ /g, '\n   ')}.</p>`;
    const a = new Annotator(document);
    const [result] = a.paint([{ id: 'h1', slot: 1, selector }]);
    expect(result?.status).toBe('anchored');
    expect(result?.change).toBeUndefined();
    expect(a.painter.isChanged('h1')).toBe(false);
  });
});

describe('word-level diff', () => {
  it('shows the Vietnamese copy edit as one word, diacritics intact', () => {
    expect(wordDiff(KY, KI, 'vi').filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'kỹ' },
      { kind: 'added', text: 'kĩ' },
    ]);
  });

  it('shows nothing for the same text in NFD', () => {
    expect(wordDiff(KY, KY.normalize('NFD'), 'vi')).toEqual([{ kind: 'same', text: KY }]);
  });

  it('splits CJK into words, not the whole sentence', () => {
    const parts = wordDiff('国家统计局今天发布了数据', '国家统计局昨天发布了数据', 'zh');
    const changed = parts.filter((p) => p.kind !== 'same').map((p) => p.text);
    expect(changed.join('')).toBe('今天昨天');
    expect(parts.find((p) => p.kind === 'same')?.text).toContain('国家');
  });

  it('keeps Arabic words whole', () => {
    const parts = wordDiff('ارتفع التضخم إلى ٥٪ هذا العام', 'ارتفع التضخم إلى ٧٪ هذا العام', 'ar');
    expect(parts.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['٥', '٧']);
  });
});
