// text-fragments-polyfill's utilities (GoogleChromeLabs, Apache-2.0), as the passage-link test uses them.
declare module 'text-fragments-polyfill/text-fragment-utils' {
  export function getFragmentDirectives(hash: string): { text?: string[] };
  export function parseFragmentDirectives(directives: { text?: string[] }): { text?: unknown[] };
  export function processTextFragmentDirective(directive: unknown, doc?: Document): Range[];
  /** Its internals, exported for its own tests: the blocks of visible text nodes, its normalization. */
  export const forTesting: Record<string, unknown>;
}
