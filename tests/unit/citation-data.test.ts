// Readability's own tests run on jsdom; so do these, for the same results.
// @vitest-environment jsdom
/**
 * Citation data worth citing: the title a citation uses (the page's headline without the site's
 * suffix or prefix) and the authors it names (never the site, a publisher, a section, a navigation
 * label, an editor or a photographer), on real saved pages in Chinese, Japanese and Arabic from two
 * public extractor corpora (tests/fixtures/credits, ground truth and where it differs from the
 * corpora's own in its README), on the project's own saved pages, and on credit lines as Korean,
 * Chinese and Japanese news print them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { creditedAuthors, documentCredits, textCredits } from '@/lib/credits';
import { citationTitle, citedNames, citedTitle, pageHeadline } from '@/lib/export/article-facts';
import { toCsl } from '@/lib/export/csl';
import { extractArticle, parseSnapshot } from '@/lib/extract';
import { articleRecord } from '../support/factories';
import { FIXTURES, fixture } from '../support/fixtures';

interface Truth {
  url: string;
  title: string;
  authors: string[];
}
const EXPECTED = JSON.parse(fixture('credits/expected.json')) as Record<string, Truth>;
const oneSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

function extract(html: string, url: string) {
  return extractArticle(parseSnapshot(html, url)).meta;
}

describe('real pages in Chinese, Japanese and Arabic (tests/fixtures/credits)', () => {
  it.each(Object.entries(EXPECTED))('%s: the title and authors a citation uses', (file, truth) => {
    const meta = extract(readFileSync(join(FIXTURES, 'credits', file), 'utf8'), truth.url);
    expect(oneSpace(citedTitle(meta))).toBe(oneSpace(truth.title));
    expect(meta.authors).toEqual(truth.authors);
    // The stored title stays as Readability gave it; the citation's is derived beside it.
    expect(oneSpace(meta.title)).toContain(oneSpace(truth.title).slice(0, 8));
    const csl = toCsl(articleRecord({ ...meta, url: truth.url }));
    expect(oneSpace(csl.title)).toBe(oneSpace(truth.title));
    expect((csl.author ?? []).map((n) => n.literal ?? `${n.given} ${n.family}`)).toEqual(truth.authors);
  });
});

describe("the project's own saved pages", () => {
  const page = (name: string) => extract(fixture(`news/${name}/source.html`), `http://fakehost/test/${name}`);

  it('gmw: the headline without " _探索者 _光明网"; the signed author, not the responsible editor in meta[name=author]', () => {
    const meta = page('gmw');
    expect(meta.byline).toBe('肖春芳'); // Readability's value, kept
    expect(citedTitle(meta)).toBe('宇航员在太空中喝酒会怎么样？后果很严重');
    expect(meta.authors).toEqual(['春春']); // "作者︱春春"; "责任编辑：肖春芳" is the editor
  });

  it('qq: the headline without "_科技_腾讯网" (no site name declared: the h1 shows it)', () => {
    const meta = page('qq');
    expect(citedTitle(meta)).toBe('DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶');
    expect(meta.authors).toEqual([]);
  });

  it('yahoo-4: "個人" (a navigation link Readability took for a byline) is nobody', () => {
    const meta = page('yahoo-4');
    expect(meta.byline).toBe('個人');
    expect(meta.authors).toEqual([]);
    expect(citedTitle(meta)).toBe(
      'トレンドマイクロ、公衆無線LANを安全に使うためのアプリ「フリーWi-Fiプロテクション」（CNET Japan）',
    );
  });

  it('a byline that is the site names nobody, whole or in parts ("BBC News", "Mac & i")', () => {
    expect(page('bbc-1').authors).toEqual([]);
    expect(page('heise').authors).toEqual([]);
  });

  it('people stay: a handle gives way to the full name; "(avec …)" lists more authors; a suffix author is cut from the title', () => {
    expect(page('engadget').authors).toEqual(['Devindra Hardawar']);
    expect(page('lemonde-1').authors).toEqual(['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']);
    expect(page('schema-org-context-object').authors).toEqual(['Stella Kim', 'Jennifer Jett']);
    const guardian = page('guardian-1');
    expect(guardian.authors).toEqual(['Eleanor Ainge Roy']);
    expect(citedTitle(guardian)).toBe("'What is the sea telling us?': Māori tribes fearful over whale strandings");
  });

  it('the seed keeps its byline and title', () => {
    const meta = extract(fixture('seed/vinhphuc.html'), 'http://127.0.0.1:4173/seed/vinhphuc.html');
    expect(meta.authors).toEqual(['Kim Hiền']);
    expect(citedTitle(meta)).toBe(meta.title);
  });
});

describe('reporter credits in the article text', () => {
  const filler = '本文内容。'.repeat(200);
  it.each([
    ['(서울=연합뉴스) 왕길환 기자 = "친부모와 가족이 제가 죽었다고 믿거나…', ['왕길환']],
    ['(서울=연합인포맥스) 이윤구 이수용 기자 = 금융당국으로부터 경영개선요구를 받은…', ['이윤구', '이수용']],
    [`${filler} 홍길동 기자 hong@donga.com`, ['홍길동']],
    ['본문입니다. 그는 기자 회견에서 말했다. 기자회견은 끝났다.', []],
    ['本报记者 张三 李四 报道 国家统计局今天发布……', ['张三', '李四']],
    [`${filler}（评论员 罗博 萧海川）`, ['罗博', '萧海川']],
    ['記者王小明／台北報導 行政院今天表示……', ['王小明']],
    [`${filler}（山田太郎記者）`, ['山田太郎']],
    [`出品︱网易科学人栏目组 胖胖 作者︱春春 ${filler}`, ['春春']],
    // Not credits: a photographer, "reporters learned on the 17th", a credit in mid-text.
    ['新华社记者 才扬 摄 那些不断证伪的谣言', []],
    ['新华社北京11月17日电 记者17日从国家卫生健康委获悉，近阶段', []],
    [`${filler}（记者 张三）${filler}`, []],
  ])('%s → %j', (text, names) => {
    expect(textCredits(text)).toEqual(names);
  });
});

describe('credits from the document', () => {
  const doc = (head: string, body = '') =>
    new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');
  const cited = (d: Document, byline: string | null, text = '', title = 'Headline') =>
    creditedAuthors(documentCredits(d), {
      byline,
      bylineNames: byline ? [byline] : [],
      siteName: d.querySelector('meta[property="og:site_name"]')?.getAttribute('content') ?? null,
      title,
      text,
    });

  it('JSON-LD: a Person is an author, the publishing Organization is not; article:author as a web address is not', () => {
    const d = doc(
      `<meta property="og:site_name" content="毎日新聞">
       <meta property="article:author" content="https://www.facebook.com/mainichi">
       <script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"山田 太郎"},
         {"@type":"Organization","name":"毎日新聞社"}],"publisher":{"@type":"Organization","name":"毎日新聞社"}}</script>`,
    );
    expect(cited(d, null)).toEqual(['山田 太郎']);
  });

  it('"By 毎日新聞" (the site) is nobody; the reporter credit in the text is the author', () => {
    const d = doc('<meta property="og:site_name" content="毎日新聞">');
    expect(cited(d, '毎日新聞', '【ワシントン】 本文。（山田太郎記者）')).toEqual(['山田太郎']);
  });

  it('"By منوعات" (a section, or a navigation link) is nobody', () => {
    const section = doc('<meta property="article:section" content="منوعات">');
    expect(cited(section, 'منوعات')).toEqual([]);
    const nav = doc('', '<nav><ul><li><a href="/misc">منوعات</a></li></ul></nav>');
    expect(cited(nav, 'منوعات')).toEqual([]);
    // The same name declared as the author in the page's metadata stays, even if a menu links it.
    const declared = doc(
      '<meta name="author" content="سارة أحمد">',
      '<div id="mainMenu"><a href="/a/sara">سارة أحمد</a></div>',
    );
    expect(cited(declared, 'سارة أحمد')).toEqual(['سارة أحمد']);
  });

  it('an editor the page credits as such is not an author', () => {
    const d = doc('<meta name="author" content="严玉洁">', '<p>正文。（编辑：严玉洁 王辉） 【责任编辑：严玉洁】</p>');
    expect(cited(d, '严玉洁')).toEqual([]);
  });
});

describe('the title to cite', () => {
  it("cuts at the page's own headline, spaced or not, suffix or prefix", () => {
    expect(
      pageHeadline('短缺药品保供稳价 全力保障临床用药需求-新华网', ['短缺药品保供稳价 全力保障临床用药需求']),
    ).toBe('短缺药品保供稳价 全力保障临床用药需求');
    expect(
      pageHeadline('NEWS WEB EASY|子どもへの体罰を禁止する法律ができる', ['子どもへの体罰を禁止する法律ができる']),
    ).toBe('子どもへの体罰を禁止する法律ができる');
  });

  it('never cuts to a short element that happens to match ("Xbox: the best console")', () => {
    expect(pageHeadline('Xbox: the best console of the year', ['Xbox'])).toBeNull();
    expect(pageHeadline('COVID-19 cases rise again in the north', ['COVID'])).toBeNull();
  });

  it("drops a leading site name (the page's og:site_name), and keeps a title that only starts like it", () => {
    expect(citationTitle('NEWS WEB EASY|子どもへの体罰を禁止する法律ができる', 'NEWS WEB EASY', null)).toBe(
      '子どもへの体罰を禁止する法律ができる',
    );
    expect(citationTitle('BBC News: the year in review', 'BBC', null)).toBe('BBC News: the year in review');
  });

  it('older records without headline or authors read as before (byline, title rules)', () => {
    const article = articleRecord({ title: 'Headline | Jane Doe', byline: 'Jane Doe', siteName: 'Site' });
    expect(citedTitle(article)).toBe('Headline');
    expect(citedNames(article)).toEqual(['Jane Doe']);
  });
});
