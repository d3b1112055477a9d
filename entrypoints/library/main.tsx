import { render } from 'preact';
import { LibraryApp } from '@/components/library/LibraryApp';
import { LanguageGate } from '@/components/shared/LanguageGate';
import { startUiPage } from '@/lib/ui/page';
import '@/components/shared/ui.css';

startUiPage('library_title');
render(
  <LanguageGate titleKey="library_title">
    <LibraryApp />
  </LanguageGate>,
  document.getElementById('app') as HTMLElement,
);
