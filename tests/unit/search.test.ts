import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRanges, queryTerms, SearchIndex } from '@/lib/search';
import { fold, foldWithMap } from '@/lib/search-fold';

describe('folding', () => {
  it('ignores case and diacritics in Vietnamese, French, German, Polish, Nordic', () => {
    expect(fold('Đảng')).toBe('dang');
    expect(fold('KIẾN THỨC')).toBe('kien thuc');
    expect(fold('Café')).toBe('cafe');
    expect(fold('Straße Łódź Ørsted Æble')).toBe('strasse lodz orsted aeble');
  });

  it('folds NFC and NFD alike, and white space to one space', () => {
    expect(fold('kiến'.normalize('NFD'))).toBe(fold('kiến'.normalize('NFC')));
    expect(fold('  a \n\t b ')).toBe('a b');
  });

  it('keeps CJK and right-to-left text searchable', () => {
    expect(fold('北京大学')).toBe('北京大学');
    expect(fold('ＡＢＣ')).toBe('abc');
    expect(fold('مرحبا بالعالم')).toBe('مرحبا بالعالم');
  });

  it('folds Greek in any case, its final sigma a sigma', () => {
    expect(fold('ΟΔΟΣ')).toBe(fold('οδός'));
    expect(fold('Οδός Αθηνάς')).toBe('οδοσ αθηνασ');
    expect(fold('İstanbul')).toBe('istanbul');
  });

  it('folds a long text as it folds its words one by one (its buffer filled and emptied many times)', () => {
    // Words with a letter each, one space apart: the folded text is the folded words, one space apart.
    const letters = ['Đ', 'ả', 'n', 'g', 'K', 'I', 'Ế', 'N', 'ß', 'Æ', '北', '京', 'م', 'ر', 'ﬁ', 'ＡＢ', 'x', '7'];
    const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 9 }).map((w) => w.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1500, maxLength: 4000 }), (words) => {
        const text = words.join(' ');
        const folded = fold(text);
        expect(folded.length).toBeGreaterThan(8192);
        expect(folded).toBe(words.map(fold).join(' '));
        // And the way back: each folded character maps into the text, in order.
        const { folded: again, from } = foldWithMap(text);
        expect(again).toBe(folded);
        expect(from.length).toBe(folded.length);
        expect(from.every((at, k) => k === 0 || at >= (from[k - 1] as number))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('match ranges', () => {
  it('finds folded terms back in the original text, for highlighting', () => {
    const text = 'Công tác xây dựng Đảng và kiến thức';
    const ranges = matchRanges(text, queryTerms('dang KIEN'));
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['Đảng', 'kiến']);
  });

  it('maps through NFD text, where one letter is several code units', () => {
    const text = 'Xây dựng Đảng'.normalize('NFD');
    const [range] = matchRanges(text, ['dang']);
    expect(text.slice(...(range as [number, number])).normalize('NFC')).toBe('Đảng');
  });
});

describe('search index', () => {
  const articles = [
    { id: 'a1', text: 'Thực hiện công tác xây dựng Đảng' },
    { id: 'a2', text: 'Le café de Paris\nnote: à relire' },
  ];
  const items = [
    { articleId: 'a1', text: 'Nâng cao kiến thức cho cán bộ #kinh-tế' },
    { articleId: 'a1', text: 'Tổ chức cơ sở đảng' },
    { articleId: 'a2', text: 'Un expresso serré' },
    { articleId: 'a2', text: '北京大学的学生' },
  ];
  const index = new SearchIndex(items, articles);
  const ids = (q: string) => {
    const r = index.search(queryTerms(q));
    return r ? [...r.keys()].filter((i) => r[i]) : null;
  };

  it('matches the start of words, not the middle ("hung" is not in "chung"), except in CJK', () => {
    const idx = new SearchIndex(
      [
        { articleId: 'a', text: 'Đàm Văn Hùng cho biết' },
        { articleId: 'a', text: 'vừa chung tay' },
        { articleId: 'a', text: 'trường đại học 北京大学' },
      ],
      [{ id: 'a', text: '' }],
    );
    const hit = (q: string) => {
      const r = idx.search(queryTerms(q));
      return r ? [...r.keys()].filter((i) => r[i]) : null;
    };
    expect(hit('hung')).toEqual([0]);
    expect(hit('hun')).toEqual([0]);
    expect(hit('ung')).toEqual([]);
    expect(hit('大学')).toEqual([2]);
    expect(matchRanges('vừa chung tay, Hùng', ['hung']).length).toBe(1);
  });

  it('finds with and without diacritics, in any case', () => {
    expect(ids('kien')).toEqual([0]);
    expect(ids('kiến')).toEqual([0]);
    expect(ids('KIÊN')).toEqual([0]);
    expect(ids('serre')).toEqual([2]);
    expect(ids('学生')).toEqual([3]);
  });

  it('matches a title or page note for all of the article’s highlights, and every word must match', () => {
    expect(ids('dang')).toEqual([0, 1]);
    expect(ids('cafe')).toEqual([2, 3]);
    expect(ids('relire expresso')).toEqual([2]);
    expect(ids('dang kien')).toEqual([0]);
    expect(ids('nothing-here')).toEqual([]);
    expect(ids('   ')).toBeNull();
  });

  it('looks for a second word only where the first was found, and finds it in any of them', () => {
    // Records interleave: the second word is also in records the first word is not in.
    const texts = ['bầu cử tỉnh', 'tỉnh ủy', 'bầu cử', 'tỉnh bầu', 'nothing', 'tỉnh', 'tỉnh, bầu'];
    const idx = new SearchIndex(
      texts.map((text) => ({ articleId: 'a', text })),
      [{ id: 'a', text: '' }],
    );
    const hit = (q: string) => {
      const r = idx.search(queryTerms(q));
      return r ? [...r.keys()].filter((i) => r[i]) : null;
    };
    expect(hit('bau tinh')).toEqual([0, 3, 6]);
    expect(hit('tinh bau')).toEqual([0, 3, 6]);
    expect(hit('tinh uy')).toEqual([1]);
    expect(hit('cu uy')).toEqual([]);
    expect(hit('tinh bau cu')).toEqual([0]);
  });
});
