// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { noteToHtml } from '@/lib/ui/note-html';

describe('notes as Markdown', () => {
  it('renders formatting, lists and links', () => {
    const html = noteToHtml('**Cần** kiểm chứng _số liệu_\n\n- một\n- hai\n\n[nguồn](https://gso.gov.vn/x)');
    expect(html).toContain('<strong>Cần</strong>');
    expect(html).toContain('<em>số liệu</em>');
    expect(html).toContain('<li>một</li>');
    expect(html).toMatch(/<a href="https:\/\/gso.gov.vn\/x" target="_blank" rel="noopener noreferrer">nguồn<\/a>/);
  });

  it('never lets a note run script, load anything or link to javascript:', () => {
    const html = noteToHtml(
      '<img src=x onerror=alert(1)> <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://t.example/p.png) <b onclick=x>b</b>',
    );
    const box = document.createElement('div');
    box.innerHTML = html;
    expect(box.querySelectorAll('img, script, [onerror], [onclick], [src]')).toHaveLength(0);
    expect([...box.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([null]);
    expect(box.textContent).toContain('<script>alert(1)</script>');
  });
});
