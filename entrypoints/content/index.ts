import { startAnnotator } from '@/lib/page/start';

// Registered at runtime only: the background injects this into a tab when the user starts
// annotating there or the page has highlights, never into every page.
export default defineContentScript({
  matches: ['<all_urls>'],
  registration: 'runtime',
  main: () => void startAnnotator(document),
});
