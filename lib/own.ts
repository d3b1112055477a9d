/**
 * Lookups by keys a user, a page or an imported file chooses (claim types, tags, statuses,
 * languages, file names). A plain object answers `constructor`, `toString` or `__proto__` from
 * Object.prototype; these never do.
 */

/** The value of `record`'s own property `key`, never an inherited one. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** An empty record with no prototype: any key may be set and read as data. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
