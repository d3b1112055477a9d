/**
 * The document's markup for extraction, `documentElement.outerHTML`, made in pieces across tasks so
 * that extracting a large page never holds its thread in one long task (a 1–1.6 MB document took
 * 10–65 ms to serialise in one piece, and over 100 ms when a garbage collection landed in it). Page
 * side.
 *
 * An element with many elements under it is written as its start tag, its children one by one
 * (each in turn split if it is large) and its end tag; a script or style sheet as its tags around
 * its text as it is (the text is shared, not copied: a news page's 0.8 MB inline script is no
 * longer 15 ms of one piece); any other element is one `outerHTML`. Text between the pieces is
 * escaped as the HTML serialisation algorithm escapes it, so the pieces joined are the string the
 * browser makes at once. The pieces go to the extension in chunks (`chunkPieces`), one message
 * each: the browser serialises a message's reply on the page's thread (1.6 MB in one reply took
 * 77–103 ms there), and a chunk is joined only when it is asked for. (Leaving scripts and style
 * sheets out, which Readability removes anyway, would halve most news pages, but changes its
 * verdict on whether a page is an article: its test counts script text inside paragraphs.)
 */

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** An element with more elements than this under it is written child by child. */
const SPLIT_OVER = 250;

/**
 * HTML elements whose text the serialisation writes as it is (HTML's "raw text" parents; `noscript`
 * too where scripting is on, left to `outerHTML` here).
 */
const RAW_TEXT = new Set(['style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** Text escaped as the HTML fragment serialisation algorithm does outside attributes. */
function escapeText(data: string): string {
  return data.replace(/[&\u00a0<>]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;',
  );
}

/** The pieces of `el`'s markup, in order; large subtrees split at their children. */
function* pieces(el: Element, splitOver: number): Generator<string, void, void> {
  const raw = el.namespaceURI === HTML_NS && RAW_TEXT.has(el.localName);
  if (raw && el.firstChild && !el.firstElementChild) {
    // Its text, as it is, between its tags.
    const [start, end] = tags(el);
    yield start;
    for (let child: ChildNode | null = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) yield (child as Text).data;
      else if (child.nodeType === 8) yield `<!--${(child as Comment).data}-->`;
    }
    yield end;
    return;
  }
  if (el.getElementsByTagName('*').length <= splitOver) {
    yield el.outerHTML;
    return;
  }
  const [start, end] = tags(el);
  yield start;
  for (let child = el.firstChild; child; child = child.nextSibling) {
    switch (child.nodeType) {
      case 1:
        yield* pieces(child as Element, splitOver);
        break;
      case 3:
        yield raw ? (child as Text).data : escapeText((child as Text).data);
        break;
      case 8:
        yield `<!--${(child as Comment).data}-->`;
        break;
      case 7:
        yield `<?${(child as ProcessingInstruction).target} ${(child as ProcessingInstruction).data}>`;
        break;
    }
  }
  yield end;
}

/** An element's start and end tags: an empty copy's markup is the one followed at once by the other. */
function tags(el: Element): [string, string] {
  const shell = (el.cloneNode(false) as Element).outerHTML;
  const at = shell.lastIndexOf('</');
  return [shell.slice(0, at), shell.slice(at)];
}

/**
 * The markup (see above) as its pieces in order, made in slices of about `sliceMs` with the thread
 * given back (`pause`) between them. `stale()` is asked after each pause: when the page changed
 * meanwhile the pieces would not fit together, and the markup is made again; a page that keeps
 * changing gets two tries, then the pieces made in one task.
 */
export async function serializeSliced(
  doc: Document,
  stale: () => boolean,
  pause: () => Promise<void>,
  { sliceMs = 8, splitOver = SPLIT_OVER }: { sliceMs?: number; splitOver?: number } = {},
): Promise<string[]> {
  // XML documents serialise by other rules: one piece, as it is.
  if (doc.contentType !== 'text/html') return [doc.documentElement.outerHTML];
  for (let attempt = 0; ; attempt++) {
    const parts: string[] = [];
    let until = attempt < 2 ? performance.now() + sliceMs : Number.POSITIVE_INFINITY;
    let changed = false;
    for (const piece of pieces(doc.documentElement, splitOver)) {
      parts.push(piece);
      if (performance.now() < until) continue;
      await pause();
      if (stale()) {
        changed = true;
        break;
      }
      until = performance.now() + sliceMs;
    }
    if (!changed) return parts;
  }
}

/**
 * The pieces grouped into chunks of at most `size` characters each (`size` ≥ 2; a longer piece is
 * cut: slicing a string does not copy it), in order: the chunks' pieces joined, one chunk after
 * another, are the markup. A cut never falls inside a surrogate pair: Chromium carries a message's
 * strings as UTF-8, where half a pair would arrive as U+FFFD.
 */
export function chunkPieces(pieces: readonly string[], size: number): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let room = size;
  const close = () => {
    chunks.push(chunk);
    chunk = [];
    room = size;
  };
  for (const piece of pieces) {
    for (let at = 0; at < piece.length; ) {
      let take = Math.min(room, piece.length - at);
      const last = piece.charCodeAt(at + take - 1);
      if (take < piece.length - at && last >= 0xd800 && last <= 0xdbff) take--;
      if (take === 0) {
        close();
        continue;
      }
      chunk.push(at === 0 && take === piece.length ? piece : piece.slice(at, at + take));
      at += take;
      room -= take;
      if (room === 0) close();
    }
  }
  if (chunk.length > 0 || chunks.length === 0) chunks.push(chunk);
  return chunks;
}
