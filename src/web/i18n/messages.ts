/**
 * ICU messages, compiled at build time (compile.ts) and formatted here: the browser never parses
 * ICU syntax, so the message-format parser (≈ 40 KB minified) is not shipped to it.
 *
 * A compiled message is a plain string when it has no placeholders (escapes such as `''` already
 * resolved), else a list of parts: strings, and tuples whose first element says what they are.
 * The part codes are those of @formatjs/icu-messageformat-parser's AST (TYPE), which it mirrors.
 */
export type Message = string | Part[];
export type Part =
  | string
  | readonly [1, string]
  | readonly [2, string, NumberOptions | null]
  | readonly [3 | 4, string, Intl.DateTimeFormatOptions | null]
  | readonly [5, string, Record<string, Message>]
  | readonly [6, string, Record<string, Message>, number, 0 | 1]
  | readonly [7];

export type NumberOptions = Intl.NumberFormatOptions & { scale?: number };

/** A value a placeholder is missing: the caller shows the key instead of a half sentence. */
export class MissingValueError extends Error {}

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  kind: string,
  locale: string,
  options: object | null,
  make: () => F,
): F {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

const numberFormat = (locale: string, options: NumberOptions | null) =>
  cached('n', locale, options, () => new Intl.NumberFormat(locale, options ?? undefined));
const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions | null) =>
  cached('d', locale, options, () => new Intl.DateTimeFormat(locale, options ?? undefined));
const pluralRules = (locale: string, ordinal: boolean) =>
  cached('p', locale, { ordinal }, () => new Intl.PluralRules(locale, { type: ordinal ? 'ordinal' : 'cardinal' }));

function value(values: Record<string, unknown> | undefined, name: string): unknown {
  if (!values || !(name in values)) throw new MissingValueError(name);
  return values[name];
}

function parts(
  message: Message,
  values: Record<string, unknown> | undefined,
  locale: string,
  pound: number | undefined,
  out: string[],
): void {
  if (typeof message === 'string') {
    out.push(message);
    return;
  }
  for (const part of message) {
    if (typeof part === 'string') {
      out.push(part);
      continue;
    }
    switch (part[0]) {
      case 1: {
        const v = value(values, part[1]);
        out.push(typeof v === 'string' || typeof v === 'number' ? String(v) : v ? String(v) : '');
        break;
      }
      case 2: {
        const options = part[2];
        const v = value(values, part[1]) as number;
        out.push(numberFormat(locale, options).format(options?.scale ? v * options.scale : v));
        break;
      }
      case 3:
      case 4:
        out.push(dateFormat(locale, part[2]).format(value(values, part[1]) as Date | number));
        break;
      case 5: {
        const v = value(values, part[1]);
        const option = part[2][String(v)] ?? part[2].other;
        if (option === undefined) throw new MissingValueError(part[1]);
        parts(option, values, locale, pound, out);
        break;
      }
      case 6: {
        const v = Number(value(values, part[1]));
        const offset = part[3];
        const option = part[2][`=${v}`] ?? part[2][pluralRules(locale, part[4] === 1).select(v - offset)] ?? part[2].other;
        if (option === undefined) throw new MissingValueError(part[1]);
        parts(option, values, locale, v - offset, out);
        break;
      }
      case 7:
        if (pound !== undefined) out.push(numberFormat(locale, null).format(pound));
        break;
    }
  }
}

/** The message in `locale` with `values` put in (as intl-messageformat would, with tags as text). */
export function formatMessage(message: Message, values: Record<string, unknown> | undefined, locale: string): string {
  if (typeof message === 'string') return message;
  const out: string[] = [];
  parts(message, values, locale, undefined, out);
  return out.join('');
}
