import { launchHarness } from './tests/support/harness.ts';
import { startServer } from './tests/support/server.ts';

const server = await startServer();
for (const name of ['firefox'] as const) {
  const h = await launchHarness(name);
  for (const path of ['seed/vinhphuc.html']) {
    const url = `${server.origin}/${path}`;
    let t = Date.now();
    const page = await h.openPage(url).catch((e) => {
      console.log('open failed', e.message);
      return null;
    });
    console.log(name, path, 'open', Date.now() - t);
    t = Date.now();
    if (!page) continue;
    const tid = await h.tabIdOf(url);
    console.log('tabid', tid);
    const sidebar = await h.openSidebar(tid);
    (sidebar as any).page.on('console', (m: any) => console.log('side:', m.text()));
    console.log(name, 'sidebar', Date.now() - t);
    t = Date.now();
    await sidebar.click({ role: 'tab', name: 'Reader' });
    await new Promise((r) => setTimeout(r, 1500));
    console.log(name, await sidebar.evaluate('document.body.innerText.slice(0, 300)'));
  }
  await h.close();
}
await server.close();
