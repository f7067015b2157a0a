import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * Bearer secrets (session cookies, API tokens, invitation and reset links) carry their network's
 * id in front: `<networkId>.<secret>`. The lookup then runs inside that network's row-level
 * security, and only a SHA-256 of the secret is stored.
 */
export function newSecret(networkId: string, prefix = ''): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${prefix}${networkId}.${secret}`, hash: sha256(secret) };
}

export function parseSecret(token: string | undefined, prefix = ''): { networkId: string; hash: string } | null {
  if (!token || !token.startsWith(prefix)) return null;
  const rest = token.slice(prefix.length);
  const dot = rest.indexOf('.');
  const networkId = rest.slice(0, dot);
  const secret = rest.slice(dot + 1);
  if (dot !== 36 || !/^[0-9a-f-]{36}$/i.test(networkId) || !/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  return { networkId: networkId.toLowerCase(), hash: sha256(secret) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

// Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash (unknown account) verify against a fixed one anyway, so timing tells nothing.
  try {
    return (await verify(passwordHash ?? (await dummyHash()), password)) && passwordHash !== null;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hash('not-a-password-of-anyone', ARGON2));

export const API_TOKEN_PREFIX = 'lotse_';
