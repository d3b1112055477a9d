/**
 * A script for the benchmark to put in a page: an entry file or a few lines of source bundled with
 * what they import (`@/` is the repository), as one classic script. Node side of the benchmark.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

export async function pageScript(from: { entry: string } | { source: string }, minify = true): Promise<string> {
  const out = await build({
    ...('entry' in from
      ? { entryPoints: [join(process.cwd(), from.entry)] }
      : { stdin: { contents: from.source, resolveDir: process.cwd(), loader: 'ts' as const } }),
    bundle: true,
    write: false,
    format: 'iife',
    minify,
    alias: { '@': process.cwd() },
  });
  return out.outputFiles[0]?.text ?? '';
}
