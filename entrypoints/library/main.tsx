import { render } from 'preact';
import { LanguageGate } from '@/components/LanguageGate';
import { LibraryApp } from '@/components/LibraryApp';
import { startUiPage } from '@/lib/ui/page';
import '@/components/ui.css';

startUiPage('library_title');
render(
  <LanguageGate titleKey="library_title">
    <LibraryApp />
  </LanguageGate>,
  document.getElementById('app') as HTMLElement,
);
