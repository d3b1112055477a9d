// @vitest-environment jsdom
/**
 * The text index built across several tasks (the first paint of a freshly loaded page) is the same
 * index as the one built in one pass; when the page changes between two slices it starts again, so
 * it never describes a page that no longer is.
 */
import { describe, expect, it } from 'vitest';
import { buildTextIndex, buildTextIndexSliced } from '@/lib/anchoring/text-index';
import { fixture, parseHtml } from '../support/fixtures';

/** The seed article with 1,500 more paragraphs: enough nodes for the walk to look at the clock. */
function longPage(): Document {
  const doc = parseHtml(fixture('seed/vinhphuc.html'));
  for (let i = 0; i < 1500; i++) {
    const p = doc.createElement('p');
    p.innerHTML = `Đoạn <b>thứ ${i}</b> của bài.`;
    doc.body.append(p);
  }
  return doc;
}

describe('the sliced text index', () => {
  it('is the index one pass builds, however thin the slices', async () => {
    const doc = longPage();
    const whole = buildTextIndex(doc.body);
    let pauses = 0;
    const sliced = await buildTextIndexSliced(
      doc.body,
      () => false,
      0, // every check pauses: the most slices
      async () => {
        pauses++;
      },
    );
    expect(pauses).toBeGreaterThan(0);
    expect(sliced.text).toBe(whole.text);
    expect(sliced.nodes).toEqual(whole.nodes);
    expect([...sliced.nodeStart]).toEqual([...whole.nodeStart]);
  });

  it('starts again when the page changed during a pause (text already walked), so it is the page as it is', async () => {
    const doc = longPage();
    const first = doc.querySelector('h1') as HTMLElement;
    let changed = false;
    let pending = false;
    const index = await buildTextIndexSliced(
      doc.body,
      () => {
        const was = pending;
        pending = false;
        return was;
      },
      0,
      async () => {
        if (!changed) {
          // The headline, walked already, is edited while the walk waits.
          first.textContent = 'Tiêu đề ĐÃ SỬA';
          changed = pending = true;
        }
      },
    );
    expect(index.text).toContain('Tiêu đề ĐÃ SỬA');
    expect(index.text).toBe(buildTextIndex(doc.body).text);
  });
});
