import { z } from 'zod';
import { parseSecretKey } from './db/secret-box.js';

/** Every environment variable Lotse reads, parsed in one place. The CLI reads the same. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Lotse <no-reply@lotse.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /**
   * Behind a reverse proxy: `true` (trust X-Forwarded-For from anywhere — only when nothing else
   * can reach the port), a number of proxy hops, or addresses/CIDRs of the proxies. Unset: the
   * client address is the socket's, so nobody can dodge the per-address limits with a header.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): boolean | number | string => (v === undefined || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v)),
  /** Where the built web app lives (default dist/web); lets parallel builds serve their own copy. */
  WEB_DIR: z.string().optional(),
  /**
   * The key TOTP secrets are sealed with: 32 bytes as 64 hex digits or base64. Required with
   * PostgreSQL; on PGlite, unset means `DATA_DIR/secret.key`, made on first start.
   */
  LOTSE_SECRET_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const key = parseSecretKey(v);
      if (!key) ctx.addIssue({ code: 'custom', message: 'must be 32 bytes as 64 hex digits or base64 (create one with `openssl rand -base64 32`)' });
      return key ?? undefined;
    }),
  /** Encrypts `lotse backup` and opens it on `lotse restore` (or pass --passphrase-file). */
  LOTSE_BACKUP_PASSPHRASE: z.string().optional(),
});

export type Config = z.infer<typeof ConfigSchema> & { publicUrl: string; secureCookies: boolean };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return { ...c, publicUrl, secureCookies: publicUrl.startsWith('https:') };
}
