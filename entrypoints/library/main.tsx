import { render } from 'preact';
import { LibraryApp } from '@/components/LibraryApp';
import { startUiPage } from '@/lib/ui/page';
import '@/components/ui.css';

startUiPage('library_title');
render(<LibraryApp />, document.getElementById('app') as HTMLElement);
