import { render } from 'preact';
import { LibraryApp } from '@/components/library/LibraryApp';
import { LanguageGate } from '@/components/shared/LanguageGate';
import { prefetchPreview } from '@/lib/ui/library-preview';
import { startUiPage } from '@/lib/ui/page';
import '@/components/shared/ui.css';

startUiPage('library_title');
// The first rows are read while the settings and the UI language load, before the first render.
prefetchPreview();
render(
  <LanguageGate titleKey="library_title">
    <LibraryApp />
  </LanguageGate>,
  document.getElementById('app') as HTMLElement,
);
