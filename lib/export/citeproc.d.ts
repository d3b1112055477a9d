// citeproc-js (Zotero's CSL processor): the part of its API used here (./cite.ts and the reference
// test); it ships no types.
declare module 'citeproc' {
  export interface Engine {
    setOutputFormat(format: 'text' | 'html'): void;
    /** Registers the items to cite, by id; with `nosort`, in the order given. */
    updateItems(ids: string[], nosort?: boolean): void;
    /** [formatting parameters, the entries in order]. */
    makeBibliography(): [unknown, string[]];
    opt: { development_extensions: { wrap_url_and_doi: boolean } };
  }
  const CSL: {
    Engine: new (
      sys: { retrieveLocale(lang: string): string; retrieveItem(id: string): unknown },
      style: string,
      lang: string,
      forceLang: boolean,
    ) => Engine;
  };
  export default CSL;
}
