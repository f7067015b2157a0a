import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * AES-256-GCM, the one sealing primitive of Lotse: the application's secrets at rest (TOTP
 * secrets), the answers kept for Idempotency-Key repeats, and encrypted backups. A sealed value is
 * iv (12 bytes) | tag (16) | ciphertext; `context` is authenticated, so a value copied to another
 * row or purpose does not open there.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Buffer, plain: Buffer, context?: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (context) cipher.setAAD(context);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the key or context is not the one sealed with, or the bytes were changed. */
export function open(key: Buffer, sealed: Buffer, context?: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  if (context) decipher.setAAD(context);
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** `LOTSE_SECRET_KEY` as 64 hex digits or base64 of 32 bytes; null when it is neither. */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : null;
}

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The application key. PostgreSQL may serve several app instances, which must share one key, so
 * there it comes from LOTSE_SECRET_KEY or the server does not start. Embedded PGlite has one
 * process and a data directory of its own: the key is made once into `secret.key` (mode 0600)
 * beside the data and read from there on every start. In memory nothing outlives the process.
 */
export function loadSecretKey(options: { secretKey?: Buffer; databaseKind: 'pglite' | 'postgres'; dataDir: string }): Buffer {
  if (options.secretKey) return options.secretKey;
  if (options.databaseKind === 'postgres') {
    throw new Error(
      'LOTSE_SECRET_KEY is not set. With PostgreSQL every Lotse instance needs the same key to read the TOTP secrets: ' +
        'create one with `openssl rand -base64 32`, set it in the environment of every instance, and keep a copy with the database backups.',
    );
  }
  if (options.dataDir.startsWith('memory://')) return randomBytes(32);
  const file = path.resolve(options.dataDir, SECRET_KEY_FILE);
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (64 hex digits or base64): restore it from the backup of the data directory.`);
  return key;
}

let appKey: Buffer | null = null;

/** Installs the key the secrets at rest are sealed with; the server does it once at start-up. */
export function useSecretKey(key: Buffer): void {
  appKey = key;
}

function currentKey(): Buffer {
  if (!appKey) throw new Error('no secret key installed (useSecretKey) before a secret was read or written');
  return appKey;
}

/**
 * Secrets at rest are stored as `v1:` + base64 of the sealed bytes. The prefix tells them from
 * values written before encryption (base32 TOTP secrets never contain a colon).
 */
const PREFIX = 'v1:';

export const isSealedSecret = (stored: string) => stored.startsWith(PREFIX);

export function sealSecret(plain: string, context: string): string {
  return PREFIX + seal(currentKey(), Buffer.from(plain, 'utf8'), Buffer.from(context, 'utf8')).toString('base64');
}

/** A value from before encryption is answered as it is; the start-up pass seals those. */
export function openSecret(stored: string, context: string): string {
  if (!isSealedSecret(stored)) return stored;
  return open(currentKey(), Buffer.from(stored.slice(PREFIX.length), 'base64'), Buffer.from(context, 'utf8')).toString('utf8');
}
