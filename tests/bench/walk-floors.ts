/**
 * The floors under the text index, for the scripts the benchmark puts in a page (in-page.ts once
 * each, cold; in-page-peers.ts many times, warm). Two functions, not one with a flag: a function
 * called once runs warm the next time (tried: the seed's element walk 0.9 -> 0.1 ms, under the bare
 * walk), and each floor must be as cold as the other.
 */

/** The page's text nodes walked, each one's text read and joined, nothing else. */
export function bareWalk(): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push((n as Text).data);
  return texts.join('').length;
}

/**
 * The same walk seeing elements too, as any index must to know where blocks start and what is
 * hidden: each element's name read, nothing else done with it.
 */
export function elementWalk(): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  const texts: string[] = [];
  let elements = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 3) texts.push((n as Text).data);
    else if ((n as Element).localName.length > 0) elements++;
  }
  return texts.join('').length + elements;
}
