/**
 * `npm start`: builds the extension and runs it in Chromium on the bundled sample article (the
 * Vietnamese seed page), served from 127.0.0.1. With a display, the browser stays open for you to
 * use (click the toolbar button to open the side panel). Without one, it highlights a sentence
 * headlessly, saves screenshots of the page and the sidebar, and says how to load the build.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AS_USERS_BROWSER, CHROME_BUILD, launchChromium, tabIdOf } from './support/chromium';
import { FIREFOX_BUILD } from './support/firefox';
import { playwrightTab } from './support/harness';
import { selectText } from './support/select';
import { startServer } from './support/server';

const SENTENCE =
  'Hoạt động của tổ chức đảng trong doanh nghiệp nhằm hướng đến mục đích đảm bảo tính ổn định, bền vững và khuyến khích đảng viên tiên phong, gương mẫu, đi đầu trong lao động, sản xuất.';

execSync('npx wxt build && npx wxt build -b firefox', { stdio: 'inherit' });
const server = await startServer();
const url = `${server.origin}/seed/vinhphuc.html`;
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const session = await launchChromium(undefined, !headed, AS_USERS_BROWSER);
const page = await session.context.newPage();
await page.goto(url);
console.log(`\nSample article: ${url}`);

if (headed) {
  console.log('Chromium is open with Marginalia. Click its toolbar button to open the side panel,');
  console.log('select text on the page and choose Highlight or a claim type. Ctrl+C to stop.');
  await new Promise(() => undefined);
}

const sidebar = await session.context.newPage();
await sidebar.goto(session.extensionUrl(`sidepanel.html?tabId=${await tabIdOf(session, url)}`));
await sidebar.getByRole('heading', { level: 1 }).waitFor();
await page.bringToFront();
// As a reader does: drag over the sentence, then choose Claim in the toolbar (its shadow root is
// closed to pages; the driver reaches it as assistive technology does).
const tab = playwrightTab(page);
await selectText(tab, SENTENCE);
await tab.click({ role: 'button', name: 'Claim' });
await sidebar.getByRole('article').first().waitFor();
const out = join(process.cwd(), 'test-results/demo');
mkdirSync(out, { recursive: true });
await page.screenshot({ path: join(out, 'page.png') });
await sidebar.setViewportSize({ width: 420, height: 900 });
await sidebar.screenshot({ path: join(out, 'sidebar.png') });
await session.close();
await server.close();

console.log(`
No display here, so Chromium ran headless: it opened the sample article, highlighted a claim,
and saved screenshots:
  ${join(out, 'page.png')}
  ${join(out, 'sidebar.png')}

The built extension:
  Chrome/Chromium: ${CHROME_BUILD}
    chrome://extensions → Developer mode → Load unpacked → choose that folder.
  Firefox:         ${FIREFOX_BUILD}
    about:debugging#/runtime/this-firefox → Load Temporary Add-on → choose its manifest.json.
Serve the sample yourself with any static server from tests/fixtures, or open a news article.`);
