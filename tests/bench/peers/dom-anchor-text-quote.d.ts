/** Types for dom-anchor-text-quote 4 (the package ships none), as far as the benchmark uses it. */
declare module 'dom-anchor-text-quote' {
  export interface TextQuote {
    exact: string;
    prefix?: string;
    suffix?: string;
  }
  export function toTextPosition(
    root: Node,
    selector: TextQuote,
    options?: { hint?: number },
  ): { start: number; end: number } | null;
  export function toRange(root: Node, selector: TextQuote, options?: { hint?: number }): Range | null;
}
