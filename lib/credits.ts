/**
 * Who wrote an article, and what its headline is, as the page itself says: read at extraction, kept
 * beside Readability's values (which stay in the record as Readability gave them), and used for
 * citations and the sidebar header.
 *
 * Authors come from the page's metadata (JSON-LD `author`, `meta[name=author]`, `article:author`
 * when it is a name, not a web address) and Readability's byline; when those name nobody, from the
 * reporter credits of CJK news at the head or foot of the article text ("记者 张三", "홍길동 기자 =",
 * "（山田太郎記者）", "作者︱春春"). A name is never the site, its publisher, a section or a
 * navigation link ("By 毎日新聞", "By منوعات", "個人"), an editor the page credits as such
 * ("责任编辑：肖春芳"), a photographer ("记者 才扬 摄") or a web address. Pure but for reading the
 * document it is given.
 */

/** What the document says about its headline and credits, read before Readability changes it. */
export interface DocumentCredits {
  /** The page's own headlines: og:title, twitter:title, JSON-LD headline, the h1 (deduplicated). */
  headlines: string[];
  /** Names from JSON-LD `author`, `meta[name=author]`, `article:author` (web addresses left out). */
  metaAuthors: string[];
  /** Names of the site and its publisher: og:site_name, application-name, JSON-LD publisher. */
  organisations: string[];
  /** Section names: article:section, JSON-LD articleSection. */
  sections: string[];
  /** Texts of navigation links ("個人", "منوعات"): a byline equal to one is a label, not a name. */
  navigation: string[];
  /** Names the page credits as editors, not writers ("责任编辑：肖春芳", "[責任編輯:X]"). */
  editors: string[];
}

const MAX_NAME = 100;
const MAX_AUTHORS = 20;
/** Links looked at for navigation labels; a page with more is not read further. */
const MAX_LINKS = 3000;
/** Elements styled as a title looked at for the headline. */
const MAX_TITLED = 30;
/** A class or id naming navigation: "nav", "site-nav", "globalNav", "menu", "breadcrumbs" (not "canvas"). */
const NAVIGATION_NAME = /(?:^|[-_])(?:nav|menu)|Nav|Menu|breadcrumb/;

/** True for a link inside navigation: `nav`, role=navigation, or a container named for it. */
function inNavigation(link: Element): boolean {
  let el: Element | null = link.parentElement;
  for (let depth = 0; el && depth < 8; depth++, el = el.parentElement) {
    if (el.localName === 'nav' || el.getAttribute('role') === 'navigation') return true;
    const names = `${el.id} ${el.getAttribute('class') ?? ''}`.split(/\s+/);
    if (names.some((n) => NAVIGATION_NAME.test(n))) return true;
  }
  return false;
}
/** How much of the article text's head and foot is read for reporter credits. */
const CREDIT_REACH = 400;

/** A value compared loosely: width, case, spacing and a leading "By" aside. */
export function looseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/^\s*(by|bởi)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function clean(value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function unique(values: (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const v = clean(value);
    if (!v || seen.has(looseText(v))) continue;
    seen.add(looseText(v));
    out.push(v);
  }
  return out;
}

/** Web addresses and handles are not names ("www.facebook.com", "https://…/jane", "@jane"). */
function isAddress(value: string): boolean {
  return /^(https?:|www\.|@)|[/\\]|\.(com|net|org|co|io|info|news|cn|jp|kr|vn)\b/i.test(value.trim());
}

type Json = Record<string, unknown>;

/** Every object in a JSON-LD value (arrays and @graph opened), to a small depth. */
function ldObjects(node: unknown, out: Json[] = [], depth = 0): Json[] {
  if (depth > 5 || node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const item of node) ldObjects(item, out, depth + 1);
    return out;
  }
  const record = node as Json;
  out.push(record);
  ldObjects(record['@graph'], out, depth + 1);
  return out;
}

function ldTypes(record: Json): string[] {
  const type = record['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** Names in a JSON-LD `author`/`publisher` value: a string, an object with `name`, or a list. */
function ldNames(value: unknown, kind: 'person' | 'any' = 'any'): string[] {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list.slice(0, MAX_AUTHORS)) {
    if (typeof item === 'string') names.push(item);
    else if (item && typeof item === 'object') {
      const record = item as Json;
      const organisation = ldTypes(record).some((t) => /Organization|Corporation|NewsMedia/i.test(t));
      if (kind === 'person' && organisation) continue;
      if (typeof record.name === 'string') names.push(record.name);
    }
  }
  return names;
}

function metaContent(doc: Document, selector: string): string[] {
  return [...doc.querySelectorAll(selector)].map((m) => m.getAttribute('content') ?? '');
}

/** The text of an element without ruby annotations (furigana are not part of a Japanese headline). */
function textWithoutRuby(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const rt of copy.querySelectorAll('rt, rp')) rt.remove();
  return copy.textContent ?? '';
}

/** Editor credits in a text: "责任编辑：肖春芳", "[责任编辑:张樵苏 ]", "（编辑：严玉洁 王辉）". */
const EDITOR_CREDIT =
  /(?:责任编辑|責任編輯|责编|責編|编辑|編輯|編集|責任編集|편집)\s*[:：︱|]\s*((?:[\p{Script=Han}\p{Script=Hangul}]{2,4}[ 　、，,]*){1,4})/gu;

/** Reads a document's headline and credits. Call before Readability, which removes scripts. */
export function documentCredits(doc: Document): DocumentCredits {
  const ld: Json[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      ldObjects(JSON.parse(script.textContent ?? ''), ld);
    } catch {
      // Broken JSON-LD is common; it just says nothing.
    }
  }
  const articles = ld.filter((r) => ldTypes(r).some((t) => /Article|BlogPosting|Report/i.test(t)));
  const h1s = unique([...doc.querySelectorAll('h1')].map(textWithoutRuby));
  // Elements styled as a title ("h-title", "article-title"): only ever used when the document
  // title is exactly one of them plus a separator and more (lib/export/article-facts.ts).
  const titled = [...doc.querySelectorAll('[class*="title" i], [id*="title" i]')]
    .slice(0, MAX_TITLED)
    .map(textWithoutRuby)
    .filter((t) => t.length <= 500);
  const headlines = unique([
    ...metaContent(doc, 'meta[property="og:title"], meta[name="og:title"]'),
    ...metaContent(doc, 'meta[name="twitter:title"], meta[property="twitter:title"]'),
    ...articles.map((a) => (typeof a.headline === 'string' ? a.headline : null)),
    // One h1 is the headline; a page with several (site name, sections) says nothing by them.
    ...(h1s.length === 1 ? h1s : []),
    ...titled,
  ]);
  const metaAuthors = unique([
    ...articles.flatMap((a) => ldNames(a.author, 'person')),
    ...metaContent(doc, 'meta[name="author"], meta[property="author"]'),
    ...metaContent(doc, 'meta[property="article:author"], meta[name="article:author"]'),
  ]).filter((n) => !isAddress(n) && n.length <= MAX_NAME);
  const organisations = unique([
    ...metaContent(doc, 'meta[property="og:site_name"], meta[name="og:site_name"], meta[name="application-name"]'),
    ...ld.flatMap((r) => ldNames(r.publisher)),
    ...ld.filter((r) => ldTypes(r).some((t) => /Organization|NewsMedia|WebSite/i.test(t))).map((r) => r.name as string),
  ]).filter((n) => typeof n === 'string');
  const sections = unique(
    [
      ...metaContent(doc, 'meta[property="article:section"], meta[name="article:section"]'),
      ...articles.flatMap((a) => (Array.isArray(a.articleSection) ? a.articleSection : [a.articleSection])),
    ].filter((l): l is string => typeof l === 'string'),
  ).filter((l) => l.length <= MAX_NAME);
  const navigation = unique(
    [...doc.querySelectorAll('a')]
      .slice(0, MAX_LINKS)
      .filter(inNavigation)
      .map((a) => a.textContent),
  ).filter((l) => l.length <= MAX_NAME);
  const editors = unique(
    [...(doc.body?.textContent ?? '').matchAll(EDITOR_CREDIT)].flatMap((m) => splitNames(m[1] ?? '')),
  );
  return { headlines, metaAuthors, organisations, sections, navigation, editors };
}

function splitNames(text: string): string[] {
  return text
    .split(/[ 　、，,]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/** Reporter credits: label before the names (zh), or names before the label (ko, ja). */
const HAN_NAMES = '((?:\\p{Script=Han}{2,4})(?:[ 　、]+\\p{Script=Han}{2,4}){0,3})';
const CREDIT_LABEL = '(?:本报|本報)?(?:记者|記者|评论员|評論員|通讯员|通訊員|作者)';
const CREDITS: RegExp[] = [
  // 记者 张三 / 记者：张三 李四 / （评论员 罗博 萧海川） — names after a space or colon, closed by a
  // bracket, a slash, the end, or a "reports" word.
  new RegExp(`${CREDIT_LABEL}[ 　]*[:：︱|｜ 　][ 　]*${HAN_NAMES}(?=[ 　]*(?:[）)】\\]／/]|$|报道|報導|报导))`, 'gu'),
  // 作者︱春春 正文… — after a colon and not closed: one name, ending at a space or punctuation.
  new RegExp(`${CREDIT_LABEL}[ 　]*[:：︱|｜][ 　]*(\\p{Script=Han}{2,4})(?=[ 　。，,]|$)`, 'gu'),
  // 記者王小明／台北報導 (no space, closed by a slash or "reports").
  new RegExp(`(?:记者|記者)${HAN_NAMES}(?=[ 　]*(?:[／/]|报道|報導))`, 'gu'),
  // (서울=연합뉴스) 왕길환 기자 = … / 홍길동 기자 hong@donga.com / … 이윤구 이수용 기자
  /((?:\p{Script=Hangul}{2,4}[ ]+){0,3}\p{Script=Hangul}{2,4})[ ]*기자(?=[ ]*(?:=|[\w.+-]+@|$|[)\]]))/gu,
  // （山田太郎記者） / 【山田 太郎記者】
  /[（(【［[][ 　]*(\p{Script=Han}{1,4}[ 　]?\p{Script=Han}{1,4})[ 　]*記者[ 　]*[）)】］\]]/gu,
];
/** A credit followed by "photo" is a photographer's ("新华社记者 才扬 摄"). */
const PHOTO_AFTER = /^[ 　]*(摄|攝|拍摄|사진|撮影)/u;

/** Names the article's text credits at its head or foot; none when credits disagree. */
export function textCredits(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ends = flat.length <= 2 * CREDIT_REACH ? [flat] : [flat.slice(0, CREDIT_REACH), flat.slice(-CREDIT_REACH)];
  const found: string[] = [];
  for (const part of ends) {
    for (const pattern of CREDITS) {
      for (const m of part.matchAll(pattern)) {
        const after = part.slice((m.index ?? 0) + m[0].length);
        if (PHOTO_AFTER.test(after)) continue;
        found.push(...splitNames(m[1] ?? ''));
      }
    }
  }
  return unique(found).slice(0, MAX_AUTHORS);
}

/**
 * True when a name is, or is part of, the site or a publisher, or is a section, an editor or (unless
 * the page's metadata names it as an author) a navigation label.
 */
function isNotAPerson(
  name: string,
  credits: DocumentCredits,
  siteName: string | null,
  titleParts: string[],
  declared: boolean,
): boolean {
  const n = looseText(name);
  if (!n || !/\p{L}/u.test(n) || isAddress(name)) return true;
  const same = (other: string) => {
    const o = looseText(other);
    return o === n || (o.length >= 4 && n.length >= 4 && (o.includes(n) || n.includes(o)));
  };
  const equal = (other: string) => looseText(other) === n;
  return (
    [siteName ?? '', ...credits.organisations, ...titleParts].some(same) ||
    credits.sections.some(equal) ||
    credits.editors.some(equal) ||
    (!declared && credits.navigation.some(equal))
  );
}

/** What extraction knows besides the document's credits. */
export interface CreditContext {
  byline: string | null;
  /** The byline as names (lib/export/article-facts.ts `authorNames`). */
  bylineNames: string[];
  siteName: string | null;
  /** The document's title, whose last part often names the site ("… - 新华网"). */
  title: string;
  /** The article's text (Readability's), read for reporter credits. */
  text: string;
}

/**
 * The names to cite: the page's metadata and byline names, else its text's reporter credits; never
 * the site, a publisher, a section, a navigation label, an editor or a web address. A name that is
 * part of another (a handle "devindra" beside "Devindra Hardawar") gives way to the fuller one.
 */
export function creditedAuthors(credits: DocumentCredits, context: CreditContext): string[] {
  const parts = context.title.split(/\s*[|\-–—:·•»_／｜：－]\s*/u).filter((p) => p.trim());
  const titleParts = parts.length > 1 ? parts.slice(-1) : [];
  const declared = new Set(credits.metaAuthors.map(looseText));
  const person = (n: string) =>
    n.length <= MAX_NAME && !isNotAPerson(n, credits, context.siteName, titleParts, declared.has(looseText(n)));
  const keep = (names: string[]) => {
    const people = unique(names).filter(person);
    const fuller = (n: string) =>
      people.some((o) => o !== n && looseText(n).length >= 4 && looseText(o).includes(looseText(n)));
    return people.filter((n) => !fuller(n)).slice(0, MAX_AUTHORS);
  };
  // A byline that is the site as a whole ("Mac & i") names nobody, whatever its parts.
  const byline = context.byline && !person(context.byline) ? [] : context.bylineNames;
  const named = keep([...credits.metaAuthors, ...byline]);
  return named.length ? named : keep(textCredits(context.text));
}
