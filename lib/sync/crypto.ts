/**
 * End-to-end encryption of synced records: the server holds opaque ids and ciphertext only.
 *
 * A sync passphrase gives two keys by PBKDF2-SHA-256 (600,000 iterations, a random salt kept on the
 * server in the clear — a salt is not a secret): AES-GCM-256 for the records, HMAC-SHA-256 for
 * their ids. Both are non-extractable CryptoKeys. Each record is sealed with a fresh 96-bit IV and
 * its opaque id as additional data, so the server cannot swap one record's ciphertext for another's.
 * A wrong passphrase fails to open the server's check value, and nothing is written. Pure but for
 * WebCrypto.
 */

export const PBKDF2_ITERATIONS = 600_000;
/** What every device seals with its keys, to know it has the right passphrase. */
const CHECK_TEXT = 'marginalia-sync-check';

export interface SyncKeys {
  /** AES-GCM-256 for record contents. */
  seal: CryptoKey;
  /** HMAC-SHA-256 for opaque record ids. */
  name: CryptoKey;
}

/** A sealed value: base64 IV and ciphertext (tag included). */
export interface Sealed {
  iv: string;
  ct: string;
}

/** The passphrase was not the one this server's records were sealed with. */
export class WrongPassphrase extends Error {
  constructor() {
    super('This is not the sync passphrase your other devices use: nothing was synced or changed.');
    this.name = 'WrongPassphrase';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A new random salt for a new sync database. */
export function newSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

/** Derives the two keys from the passphrase (slow on purpose: about half a second). */
export async function deriveKeys(passphrase: string, salt: string, iterations = PBKDF2_ITERATIONS): Promise<SyncKeys> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations }, base, 512),
  );
  const seal = await crypto.subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt', 'decrypt']);
  const name = await crypto.subtle.importKey('raw', bits.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  bits.fill(0);
  return { seal, name };
}

/** Seals a JSON value, bound to `context` (the record's opaque id). */
export async function seal(keys: SyncKeys, value: unknown, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    keys.seal,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** Opens a sealed value; throws WrongPassphrase when these keys did not seal it (or it was altered). */
export async function open(keys: SyncKeys, sealed: Sealed, context: string): Promise<unknown> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(context) },
      keys.seal,
      fromBase64(sealed.ct),
    );
    return JSON.parse(decoder.decode(plain));
  } catch {
    throw new WrongPassphrase();
  }
}

/** The opaque id the server knows a record by: hex HMAC of its kind and id. */
export async function opaqueId(keys: SyncKeys, key: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', keys.name, encoder.encode(key)));
  let hex = '';
  for (const b of mac) hex += b.toString(16).padStart(2, '0');
  return `r${hex}`;
}

/** The check value a first device stores; later devices open it to prove the passphrase. */
export function sealCheck(keys: SyncKeys): Promise<Sealed> {
  return seal(keys, CHECK_TEXT, 'check');
}

/** Throws WrongPassphrase unless these keys open the server's check value. */
export async function verifyCheck(keys: SyncKeys, sealed: Sealed): Promise<void> {
  if ((await open(keys, sealed, 'check')) !== CHECK_TEXT) throw new WrongPassphrase();
}
