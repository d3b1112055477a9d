/** Where a user's records live on a CouchDB server. Pure. */

/** The per-user database CouchDB's couch_peruser makes: `userdb-` and the name's UTF-8 bytes in hex. */
export function userDatabase(username: string): string {
  let hex = '';
  for (const b of new TextEncoder().encode(username)) hex += b.toString(16).padStart(2, '0');
  return `userdb-${hex}`;
}
