import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { DEFAULT_NETWORK_SETTINGS } from '../../../common/api/network.js';
import type { Membership } from '../../../common/api/users.js';
import { queryRows, type Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { withTenant } from '../../db/tenancy.js';
import { DomainError } from '../../http/problems.js';
import { t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { findAccount, getUserRow, markLogin, setPasswordHash, setTotp } from '../users/users.service.js';
import { passwordResets, sessions } from './auth.table.js';
import { clearThrottle, releaseAttempt, reserveAttempt, type ThrottleRule } from './throttle.js';
import { buildPrincipal, type Principal } from './principal.js';
import { API_TOKEN_PREFIX, hashPassword, newSecret, parseSecret, verifyPassword } from './secrets.js';

authenticator.options = { window: 1 };

/**
 * Sign-in limits. Failures count per account at one address, so an attacker elsewhere locks only
 * their own address out, never the account's owner; a higher, hour-long limit per account slows
 * guessing from many addresses (an attacker needs six or more to reach it, and it lifts within an
 * hour); the per-address limit stops spraying many accounts. TOTP codes have their own limit per
 * person: only someone who knows the password gets that far.
 */
const SIGN_IN = {
  accountAtAddress: { limit: 5, windowMinutes: 15 },
  account: { limit: 30, windowMinutes: 60 },
  address: { limit: 50, windowMinutes: 15 },
  totp: { limit: 5, windowMinutes: 15 },
} as const;

const accountAtAddressKey = (email: string, ip: string | null) => `account-ip:${email}|${ip ?? 'unknown'}`;
const signInRules = (email: string, ip: string | null): ThrottleRule[] => [
  { key: accountAtAddressKey(email, ip), ...SIGN_IN.accountAtAddress },
  { key: `account:${email}`, ...SIGN_IN.account },
  ...(ip ? [{ key: `ip:${ip}`, ...SIGN_IN.address }] : []),
];
const totpRule = (networkId: string, userId: string): ThrottleRule => ({ key: `totp:${networkId}:${userId}`, ...SIGN_IN.totp });
const RESET_MINUTES = 60;

const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 401, 'invalid-credentials', 'invalidCredentials');
const totpRequired = () => new DomainError('TOTP_REQUIRED', 401, 'totp-required', 'totpRequired');
const totpInvalid = () => new DomainError('TOTP_INVALID', 401, 'totp-invalid', 'totpInvalid');
export const tokenInvalid = () => new DomainError('TOKEN_INVALID', 400, 'token-invalid', 'tokenInvalid');

interface ResolvedCredential {
  credentialId: string;
  user?: NonNullable<Principal['user']>;
  network: Principal['network'];
  memberships: Membership[];
}

/**
 * One round trip per request: the SQL functions of migrations 0002 and 0032 switch to the tenant role, name
 * the network, refresh the expiry and read person, network and roles together.
 */
async function resolveCredential(db: Db, query: SQL): Promise<ResolvedCredential | null> {
  const [row] = await queryRows<{ r: ResolvedCredential | string | null }>(db, query);
  const value = row?.r;
  if (!value) return null;
  const credential = typeof value === 'string' ? (JSON.parse(value) as ResolvedCredential) : value;
  credential.network.settings = { ...DEFAULT_NETWORK_SETTINGS, ...credential.network.settings };
  return credential;
}

/** Resolves a session cookie to its person, network and roles. */
export async function resolveSession(db: Db, cookie: string | undefined, sessionDays: number): Promise<Principal | null> {
  const parsed = parseSecret(cookie);
  if (!parsed) return null;
  const found = await resolveCredential(db, sql`select lotse_resolve_session(${parsed.networkId}, ${parsed.hash}, ${sessionDays}) as r`);
  if (!found?.user) return null;
  return buildPrincipal({ networkId: parsed.networkId, network: found.network, via: 'session', credentialId: found.credentialId, user: found.user, memberships: found.memberships });
}

/** Resolves `Authorization: Bearer lotse_…`: exactly the token's role in the token's organisation. */
export async function resolveApiToken(db: Db, bearer: string): Promise<Principal | null> {
  const parsed = parseSecret(bearer, API_TOKEN_PREFIX);
  if (!parsed) return null;
  const found = await resolveCredential(db, sql`select lotse_resolve_api_token(${parsed.networkId}, ${parsed.hash}) as r`);
  if (!found) return null;
  return buildPrincipal({ networkId: parsed.networkId, network: found.network, via: 'api_token', credentialId: found.credentialId, user: null, memberships: found.memberships });
}

export async function createSession(tx: Db, networkId: string, userId: string, meta: { ip: string | null; userAgent: string | null; days: number }): Promise<string> {
  const { token, hash } = newSecret(networkId);
  await tx.insert(sessions).values({
    networkId,
    id: newId(),
    userId,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + meta.days * 86_400_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export async function endSession(db: Db, cookie: string | undefined, actor: (networkId: string) => Actor): Promise<void> {
  const parsed = parseSecret(cookie);
  if (!parsed) return;
  await withTenant(db, parsed.networkId, async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.networkId, parsed.networkId), eq(sessions.tokenHash, parsed.hash)))
      .returning({ userId: sessions.userId });
    if (ended[0]) await recordAudit(tx, { ...actor(parsed.networkId), type: 'user', id: ended[0].userId }, { action: 'logout', entity: 'session' });
  });
}

export async function endAllSessions(tx: Db, networkId: string, userId: string): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.networkId, networkId), eq(sessions.userId, userId)));
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  sessionDays: number;
}

/**
 * Checks the password (argon2id) and, where set up, the TOTP code; writes the audit event; answers
 * a new session token. Each check is counted against its limits before it runs, so parallel
 * guesses cannot outrun the limit; the right password is then given back and does not count.
 */
export async function login(db: Db, input: LoginInput): Promise<{ token: string; networkId: string }> {
  const rules = signInRules(input.email, input.ip);
  await reserveAttempt(db, rules);
  const account = await findAccount(db, input.email);
  if (!account) {
    await verifyPassword(null, input.password);
    throw invalidCredentials();
  }
  const actor: Actor = { networkId: account.networkId, type: 'user', id: account.userId, requestId: input.requestId, ip: input.ip };
  const outcome = await withTenant(db, account.networkId, async (tx) => {
    const user = await getUserRow(tx, account.networkId, account.userId);
    if (!user || user.status !== 'active' || !(await verifyPassword(user.passwordHash, input.password))) {
      await recordAudit(tx, actor, { action: 'login_failed', entity: 'session' });
      return { error: invalidCredentials(), passwordRight: false } as const;
    }
    let step: string | undefined;
    if (user.totpEnabled && user.totpSecret) {
      if (!input.totp) return { error: totpRequired(), passwordRight: true } as const;
      const rule = totpRule(account.networkId, user.id);
      const refused = await reserveAttempt(tx, [rule]).then(
        () => null,
        (error: unknown) => error,
      );
      if (refused) return { error: refused, passwordRight: true } as const;
      const current = acceptTotp(user.totpSecret, input.totp, user.totpLastStep);
      if (current === null) {
        await recordAudit(tx, actor, { action: 'login_failed', entity: 'session', fields: ['totp'] });
        return { error: totpInvalid(), passwordRight: true } as const;
      }
      await clearThrottle(tx, rule.key);
      step = String(current);
    }
    const token = await createSession(tx, account.networkId, user.id, { ip: input.ip, userAgent: input.userAgent, days: input.sessionDays });
    await markLogin(tx, account.networkId, user.id, step);
    await recordAudit(tx, actor, { action: 'login', entity: 'session' });
    return { token } as const;
  });
  if (!('error' in outcome) || outcome.passwordRight) {
    // The right password is no failure: this address starts afresh for the account, and the
    // account's and address's counts get their attempt back.
    const atAddress = accountAtAddressKey(input.email, input.ip);
    await clearThrottle(db, atAddress);
    await releaseAttempt(db, rules.filter((r) => r.key !== atAddress));
  }
  if ('error' in outcome) throw outcome.error;
  return { token: outcome.token, networkId: account.networkId };
}

/** The TOTP time step the code belongs to, or null when wrong or already used (no replays). */
function acceptTotp(secret: string, code: string, lastStep: string | null): number | null {
  const delta = authenticator.checkDelta(code, secret);
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 30_000) + delta;
  if (lastStep !== null && step <= Number(lastStep)) return null;
  return step;
}

export async function startTotpSetup(tx: Db, principal: Principal) {
  const user = principal.user!;
  const secret = authenticator.generateSecret();
  await setTotp(tx, principal.networkId, user.id, { totpSecret: secret, totpEnabled: false, totpLastStep: null });
  const otpauthUrl = authenticator.keyuri(user.email, `Lotse (${principal.network.name})`, secret);
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) };
}

export async function enableTotp(tx: Db, actor: Actor, userId: string, code: string) {
  const user = await getUserRow(tx, actor.networkId, userId);
  const step = user?.totpSecret ? acceptTotp(user.totpSecret, code, null) : null;
  if (!user || step === null) throw totpInvalid();
  await setTotp(tx, actor.networkId, userId, { totpSecret: user.totpSecret, totpEnabled: true, totpLastStep: String(step) });
  await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: userId, fields: ['totp'] });
}

export async function disableTotp(tx: Db, actor: Actor, userId: string, password: string) {
  const user = await getUserRow(tx, actor.networkId, userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    throw new DomainError('WRONG_PASSWORD', 403, 'wrong-password', 'wrongPassword');
  }
  await setTotp(tx, actor.networkId, userId, { totpSecret: null, totpEnabled: false, totpLastStep: null });
  await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: userId, fields: ['totp'] });
}

export async function changePassword(tx: Db, actor: Actor, userId: string, currentPassword: string, newPassword: string, keepSessionId: string) {
  const user = await getUserRow(tx, actor.networkId, userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new DomainError('WRONG_PASSWORD', 403, 'wrong-password', 'wrongPassword');
  }
  await setPasswordHash(tx, actor.networkId, userId, await hashPassword(newPassword));
  // Other devices are signed out; this one stays.
  await tx.delete(sessions).where(and(eq(sessions.networkId, actor.networkId), eq(sessions.userId, userId), sql`${sessions.id} <> ${keepSessionId}`));
  await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: userId, fields: ['password'] });
}

/** Sends a reset link if the address has an active account; answers the same either way. */
export async function requestPasswordReset(db: Db, email: string, publicUrl: string, meta: { requestId: string; ip: string | null }) {
  const account = await findAccount(db, email);
  if (!account) return;
  await withTenant(db, account.networkId, async (tx) => {
    const user = await getUserRow(tx, account.networkId, account.userId);
    if (!user || user.status !== 'active') return;
    // At most three links an hour per person, so the form cannot be used to flood a mailbox.
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(passwordResets)
      .where(and(eq(passwordResets.networkId, account.networkId), eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, new Date(Date.now() - 3_600_000))));
    if ((recent?.n ?? 0) >= 3) return;
    const { token, hash } = newSecret(account.networkId);
    await tx.insert(passwordResets).values({
      networkId: account.networkId,
      id: newId(),
      userId: user.id,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000),
    });
    const link = `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await enqueueMail(tx, account.networkId, {
      to: user.email,
      subject: t(user.locale, 'mail.passwordReset.subject'),
      text: t(user.locale, 'mail.passwordReset.body', { name: user.name, link }),
    });
    await recordAudit(tx, { networkId: account.networkId, type: 'anonymous', id: null, requestId: meta.requestId, ip: meta.ip }, { action: 'create', entity: 'password_reset', entityId: user.id });
  });
}

export async function confirmPasswordReset(db: Db, token: string, password: string, meta: { requestId: string; ip: string | null }) {
  const parsed = parseSecret(token);
  if (!parsed) throw tokenInvalid();
  const newHash = await hashPassword(password);
  await withTenant(db, parsed.networkId, async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.networkId, parsed.networkId),
          eq(passwordResets.tokenHash, parsed.hash),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!reset) throw tokenInvalid();
    await setPasswordHash(tx, parsed.networkId, reset.userId, newHash);
    await endAllSessions(tx, parsed.networkId, reset.userId);
    await recordAudit(tx, { networkId: parsed.networkId, type: 'user', id: reset.userId, requestId: meta.requestId, ip: meta.ip }, { action: 'update', entity: 'user', entityId: reset.userId, fields: ['password'] });
  });
}

