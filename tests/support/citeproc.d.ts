// citeproc-js (Zotero's CSL processor) as the reference test uses it; it ships no types.
declare module 'citeproc' {
  interface Engine {
    setOutputFormat(format: 'text' | 'html'): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [unknown, string[]];
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
