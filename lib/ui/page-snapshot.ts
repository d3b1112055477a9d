/**
 * The page's markup, fetched from the page side for extraction: the snapshot is made there and
 * fetched here a chunk per message, in order (lib/page/serialize.ts says why), and joined here, off
 * the page's thread. Extension side (the sidebar).
 */
import { sendToTab } from '../messaging';

export interface PageSnapshot {
  url: string;
  title: string;
  html: string;
}

export async function readSnapshot(tabId: number, send: typeof sendToTab = sendToTab): Promise<PageSnapshot> {
  const made = await send(tabId, { type: 'page.snapshot' });
  const chunks: string[] = [];
  for (let index = 0; index < made.chunks; index++) {
    chunks.push((await send(tabId, { type: 'page.snapshotChunk', id: made.id, index })).text);
  }
  return { url: made.url, title: made.title, html: chunks.join('') };
}
