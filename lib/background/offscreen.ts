/**
 * Chrome's offscreen document for the background: makes the automatic backup file (read from the
 * database, which is this extension's own) and hands the background a Blob URL to download it from.
 * The URL stays valid until the background closes this document after the download.
 */

import { isExtensionPage, serve } from '../messaging';
import { OffscreenMessage } from '../protocol';
import { getRepository } from '../store/repository';

export function serveOffscreen(): void {
  serve(
    OffscreenMessage,
    {
      'offscreen.backupUrl': async (m) => {
        const { blob } = await getRepository().backupFile(new Date(m.at));
        return { url: URL.createObjectURL(blob), bytes: blob.size };
      },
    },
    (_m, sender) => isExtensionPage(sender),
  );
}
