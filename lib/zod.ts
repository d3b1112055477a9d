/**
 * The one place zod is configured. Extension pages forbid `eval`, so zod must not JIT-compile
 * (`jitless`); `zod/mini` keeps the page-side bundle small, and the English locale gives people
 * readable messages instead of "Invalid input".
 */
import * as z from 'zod/mini';

z.config({ jitless: true, ...z.locales.en() });

export { z };
