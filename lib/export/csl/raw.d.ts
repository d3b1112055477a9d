// The official CSL files, imported as their text (Vite `?raw`).
declare module '*.csl?raw' {
  const text: string;
  export default text;
}
declare module '*.xml?raw' {
  const text: string;
  export default text;
}
