import { and, eq, sql } from 'drizzle-orm';
import type { CreateVolunteerBody } from '../../../common/api/volunteers.js';
import type { Db } from '../../db/client.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { emailKey, nameKey, namePhoneKey, phoneDigits } from './rows.js';

/** Who a row may already be: the same e-mail, or the same name with the birth year or the phone. */

/** The reasons in the order they count: the first that matches names the duplicate. */
export const DUPLICATE_REASONS = ['email', 'name_birth_year', 'name_phone'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export type DuplicateKeys = Record<DuplicateReason, string | null>;
/** Entries by their key, one map per reason. */
export type ByReason<T> = Record<DuplicateReason, Map<string, T>>;

export interface PoolPerson {
  id: string;
  email: string | null;
  firstName: string;
  lastName: string;
  birthYear: number | null;
  phone: string | null;
  version: number;
}

type Person = Pick<CreateVolunteerBody, 'firstName' | 'lastName'> & { email?: string | null; birthYear?: number | null; phone?: string | null };

/** A person's key for each reason (null where the person lacks what it needs). */
export const duplicateKeys = (p: Person): DuplicateKeys => ({
  email: emailKey(p.email),
  name_birth_year: nameKey(p.firstName, p.lastName, p.birthYear),
  name_phone: namePhoneKey(p.firstName, p.lastName, p.phone),
});

export const byReason = <T>(): ByReason<T> => ({ email: new Map(), name_birth_year: new Map(), name_phone: new Map() });

/** Files the entry under each of its keys that has none yet: the first one keeps a key. */
export function fileUnder<T>(maps: ByReason<T>, keys: DuplicateKeys, entry: T): void {
  for (const reason of DUPLICATE_REASONS) {
    const k = keys[reason];
    if (k && !maps[reason].has(k)) maps[reason].set(k, entry);
  }
}

/** The entry found by the first reason whose key is filed. */
export function firstMatch<T>(maps: ByReason<T>, keys: DuplicateKeys): { found: T; reason: DuplicateReason } | null {
  for (const reason of DUPLICATE_REASONS) {
    const k = keys[reason];
    const found = k ? maps[reason].get(k) : undefined;
    if (found) return { found, reason };
  }
  return null;
}

/** Pool records that share an e-mail, or a name and birth year or phone, with any of the rows. */
export async function poolMatches(tx: Db, networkId: string, rows: CreateVolunteerBody[]): Promise<ByReason<PoolPerson>> {
  const emails = [...new Set(rows.map((r) => emailKey(r.email)).filter((e): e is string => !!e))];
  const lastNames = [...new Set(rows.filter((r) => r.birthYear || phoneDigits(r.phone)).map((r) => r.lastName.toLowerCase()))];
  const columns = {
    id: volunteers.id,
    email: volunteers.email,
    firstName: volunteers.firstName,
    lastName: volunteers.lastName,
    birthYear: volunteers.birthYear,
    phone: volunteers.phone,
    version: volunteers.version,
  };
  const found = new Map<string, PoolPerson>();
  // One query per key, the wanted values as one JSON parameter (thousands of bound values are slow on PGlite).
  if (emails.length) {
    const wanted = sql`(select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`;
    for (const p of await tx.select(columns).from(volunteers).where(and(eq(volunteers.networkId, networkId), sql`lower(${volunteers.email}) in ${wanted}`))) found.set(p.id, p);
  }
  if (lastNames.length) {
    const wanted = sql`(select jsonb_array_elements_text(${JSON.stringify(lastNames)}::jsonb))`;
    const people = await tx
      .select(columns)
      .from(volunteers)
      .where(and(eq(volunteers.networkId, networkId), sql`(${volunteers.birthYear} is not null or ${volunteers.phone} is not null)`, sql`lower(${volunteers.lastName}) in ${wanted}`));
    for (const p of people) found.set(p.id, p);
  }
  const pool = byReason<PoolPerson>();
  // Oldest record first, so a person entered twice in the pool is matched to the first entry.
  for (const p of [...found.values()].sort((a, b) => a.id.localeCompare(b.id))) fileUnder(pool, duplicateKeys(p), p);
  return pool;
}
