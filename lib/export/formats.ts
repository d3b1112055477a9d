/**
 * The export formats, apart from the exporters: the library's export dialog lists them at start,
 * and the exporters (YAML, fflate, citeproc) load only with the first export.
 */
export const EXPORT_FORMATS = [
  'markdown-zip',
  'markdown',
  'web-annotation',
  'readwise',
  'bibtex',
  'biblatex',
  'csl-json',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
