import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRanges, OWN, queryTerms, SearchIndex, VIA_ARTICLE } from '@/lib/search';
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

describe('search index against each record searched on its own', () => {
  // Words of scripts written with and without spaces, with diacritics, digits and punctuation; and
  // words sharing their first three letters, so places listed together differ after them.
  const WORDS = [
    'Đảng',
    'đang',
    'dang',
    'danh',
    'dân',
    'xây',
    'xay',
    'dựng',
    'dung',
    'Dũng',
    'kiến',
    'kien',
    'café',
    'cafe',
    'cafés',
    'Hùng',
    'chung',
    'hung',
    'ΟΔΟΣ',
    'οδος',
    'улица',
    'Straße',
    'strasse',
    '北京大学',
    '大学',
    'ภาษาไทย',
    'الأخبار',
    'tỉnh',
    'tinh',
    'ủy',
    '2024',
    '2,5%',
    'kinh-tế',
    '#tag',
    'e-mail',
    "l'état",
    'abc',
    'abcd',
    'ab',
  ];
  const SEPARATORS = [' ', ' ', '\n', ', ', '. ', '-', '', '', '', '  ', '"', '(', ')'];
  const text = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
  // Query words: pieces of the records' own texts (anywhere: a word's start, its middle, across two
  // words run together), or of the words above.
  const piece = fc.tuple(fc.boolean(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 7 }));
  const pick = (texts: string[], [fromRecords, which, at, n]: [boolean, number, number, number]) => {
    const source = fromRecords ? (texts[which % texts.length] as string) : (WORDS[which % WORDS.length] as string);
    const from = source.length ? at % source.length : 0;
    return source.slice(from, from + n);
  };
  /** Does `raw` hold the (folded) query word at the start of a word, searched on its own? */
  const holds = (raw: string, t: string) => matchRanges(raw, [t]).length > 0;

  it('finds what searching each record alone finds, for any words, with records replaced or not', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(text, fc.nat()), { minLength: 1, maxLength: 40 }),
        fc.array(piece, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), text), { maxLength: 4 }),
        (articleTexts, itemSpecs, words, replaced) => {
          const articles = articleTexts.map((t, i) => ({ id: `a${i}`, text: t }));
          const items = itemSpecs.map(([t, a]) => ({ articleId: `a${a % articles.length}`, text: t }));
          const terms = queryTerms(
            words.map((w) => pick([...articleTexts, ...itemSpecs.map(([t]) => t)], w)).join(' '),
          );
          let index: SearchIndex | null = new SearchIndex(items, articles);
          const now = items.map((i) => i.text);
          if (replaced.length) {
            const changes = new Map(replaced.map(([r, t]) => [r % items.length, t]));
            for (const [r, t] of changes) now[r] = t;
            index = index.with(changes, new Map());
          }
          const result = index?.search(terms);
          const expected = items.map((item, i) => {
            const article = articles.find((a) => a.id === item.articleId)?.text ?? '';
            let hit = OWN;
            for (const t of terms) {
              const here = holds(now[i] as string, t) ? OWN : holds(article, t) ? VIA_ARTICLE : 0;
              hit = Math.min(hit, here);
            }
            return hit;
          });
          expect(terms.length ? [...(result ?? [])] : null).toEqual(terms.length ? expected : result);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('counts the same places as word starts, next to digits, scripts without spaces and punctuation', () => {
    const texts = [
      '2024abc',
      '1999abc',
      'x 2024 abc',
      'abc2024',
      '北京abc',
      'abc北京大学',
      'οδοςabc',
      "l'état",
      'kinh-tế',
      '#tag',
      'e-mail',
      'ab1cd',
    ];
    const items = texts.map((t) => ({ articleId: 'a', text: t }));
    const index = new SearchIndex(items, [{ id: 'a', text: '' }]);
    for (const t of [
      'abc',
      '024',
      '2024',
      'tat',
      'etat',
      'tag',
      '#tag',
      'mail',
      'ail',
      'te',
      '京大学',
      '1cd',
      'cd',
      'οδο',
    ])
      expect([...(index.search(queryTerms(t)) ?? [])], t).toEqual(texts.map((x) => (holds(x, t) ? OWN : 0)));
  });
});
