import { serveOffscreen } from '@/lib/background/offscreen';

// Chrome only: the background service worker cannot make a Blob URL for the automatic backup.
serveOffscreen();
