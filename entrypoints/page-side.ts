// First: the page side's clock starts on its script's first line, before its modules are made.
import '@/lib/page/timing';
import { startAnnotator } from '@/lib/page/start';

// An unlisted script, injected by the background into a tab only when the user starts annotating
// there or the page has highlights, never into every page. Not a WXT content script: its context
// announces itself to the page (a window message and a document event named with the extension's
// id), which would tell every page that Marginalia is installed.
export default defineUnlistedScript(() => void startAnnotator(document));
