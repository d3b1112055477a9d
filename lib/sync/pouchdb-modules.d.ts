/** The little of PouchDB's modules the project uses (their own type packages pull in Node's types). */
declare module 'pouchdb-core' {
  export interface PouchDatabase {
    allDocs(options?: { keys?: string[]; include_docs?: boolean }): Promise<{
      rows: { id: string; key: string; value?: { rev: string; deleted?: boolean }; doc?: unknown }[];
    }>;
    destroy(): Promise<void>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
  }
  interface PouchConstructor {
    new (name: string, options?: Record<string, unknown>): PouchDatabase;
    plugin(plugin: unknown): PouchConstructor;
  }
  const PouchDB: PouchConstructor;
  export default PouchDB;
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
