/**
 * The payout as a CSV list for people (the office's bookkeeping, a bank portal without file upload).
 * Its lines are read back from the stored SEPA file, so that the list always says what the bank
 * got, even after a volunteer changed their account; only the volunteer's name comes from the
 * claim. Headers and amounts follow the reader's language: German with a decimal comma and `;`
 * between fields (what Excel expects in Germany), English and Arabic with a decimal point and `,`
 * (digits stay Western so that spreadsheets read them as numbers).
 */
import type { Locale } from '../../../common/locales.js';
import { csvFile } from '../../http/csv.js';
import { t } from '../../i18n.js';

export interface PayoutLine {
  endToEndId: string;
  /** The account holder as written into the file (SEPA's Latin character set). */
  accountHolder: string;
  iban: string;
  bic: string | null;
  amountCents: number;
  remittance: string;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const text = (block: string, name: string) => {
  const match = new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`).exec(block);
  return match ? unescapeXml(match[1]!) : null;
};

/** The transfers of a pain.001 file written by `creditTransferXml` (one `CdtTrfTxInf` each). */
export function transfersOf(xml: string): PayoutLine[] {
  return [...xml.matchAll(/<CdtTrfTxInf>([\s\S]*?)<\/CdtTrfTxInf>/g)].map(([, block]) => {
    const creditor = /<Cdtr>([\s\S]*?)<\/Cdtr>/.exec(block!)?.[1] ?? '';
    const account = /<CdtrAcct>([\s\S]*?)<\/CdtrAcct>/.exec(block!)?.[1] ?? '';
    const agent = /<CdtrAgt>([\s\S]*?)<\/CdtrAgt>/.exec(block!)?.[1] ?? '';
    const [euros, cents = '00'] = (text(block!, 'InstdAmt') ?? '0').split('.');
    return {
      endToEndId: text(block!, 'EndToEndId') ?? '',
      accountHolder: text(creditor, 'Nm') ?? '',
      iban: text(account, 'IBAN') ?? '',
      bic: text(agent, 'BICFI'),
      amountCents: Number(euros) * 100 + Number(cents.padEnd(2, '0').slice(0, 2)),
      remittance: text(block!, 'Ustrd') ?? '',
    };
  });
}

const usesDecimalComma = (locale: Locale) => locale === 'de';

/** Integer cents as an amount without grouping: 1855 → "18,55" (German) or "18.55". */
export function formatAmount(cents: number, locale: Locale): string {
  const euros = `${Math.trunc(cents / 100)}`;
  const rest = String(Math.abs(cents % 100)).padStart(2, '0');
  return `${euros}${usesDecimalComma(locale) ? ',' : '.'}${rest}`;
}

export function payoutCsv(lines: (PayoutLine & { volunteerName: string | null })[], locale: Locale): Buffer {
  const columns = ['volunteer', 'accountHolder', 'iban', 'bic', 'amount', 'remittance', 'endToEndId'] as const;
  const header = columns.map((c) => t(locale, `export.payouts.${c}`));
  const rows = lines.map((l) => [l.volunteerName, l.accountHolder, l.iban, l.bic, formatAmount(l.amountCents, locale), l.remittance, l.endToEndId]);
  const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const footer = [t(locale, 'export.payouts.total'), '', '', '', formatAmount(total, locale), '', ''];
  return csvFile([header, ...rows, footer], usesDecimalComma(locale) ? ';' : ',');
}
