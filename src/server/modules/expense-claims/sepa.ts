import { isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';

/**
 * SEPA credit transfer initiation (pain.001.001.09) for paying out expense claims. Pure: plain data in,
 * an XML string out. See docs/decisions/0007-sepa-payouts.md for what is emitted and why.
 */

export interface SepaAccount {
  name: string;
  iban: string;
  bic?: string | null;
}

export interface SepaTransfer {
  /** ≤ 35 characters of SEPA's character set, unique within the file (e.g. the claim id without dashes, cut). */
  endToEndId: string;
  /** The volunteer. */
  creditor: SepaAccount;
  /** Integer cents, > 0. */
  amountCents: number;
  /** Unstructured remittance text; transliterated and cut to 140 characters. */
  remittance: string;
}

export interface CreditTransferInput {
  /** ≤ 35 characters of SEPA's character set. */
  messageId: string;
  /** CreDtTm, written in UTC. */
  createdAt: Date;
  /** 'YYYY-MM-DD' (ReqdExctnDt). */
  executionDate: string;
  /** The network's account. */
  debtor: SepaAccount;
  /** At least one. */
  transfers: SepaTransfer[];
}

export const PAIN_001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

/** The EPC's limits: names 70 characters, unstructured remittance 140, identifiers 35. */
export const SEPA_NAME_MAX = 70;
export const SEPA_REMITTANCE_MAX = 140;
export const SEPA_ID_MAX = 35;
/** The largest amount of one SEPA credit transfer: 999,999,999.99 EUR. */
export const SEPA_MAX_AMOUNT_CENTS = 99_999_999_999;

export type SepaInputReason =
  | 'noTransfers'
  | 'invalidId'
  | 'duplicateEndToEndId'
  | 'invalidDate'
  | 'invalidIban'
  | 'nonSepaIban'
  | 'invalidBic'
  | 'emptyName'
  | 'invalidAmount';

/**
 * The input cannot become a valid payment file; nothing is written. `path` names the field
 * (`transfers[2].creditor.iban`); the message names the transfer by position and end-to-end id, never
 * by its IBAN.
 */
export class SepaInputError extends Error {
  readonly code = 'SEPA_INPUT_INVALID' as const;
  constructor(
    readonly reason: SepaInputReason,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SepaInputError';
  }
}

/** Upper case, no white space: the electronic form that goes into the file. */
export function normalizeIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/** IBAN check (country structure + mod-97, by ibantools); spaces allowed, case-insensitive. */
export function isValidIban(iban: string): boolean {
  return isValidIBAN(normalizeIban(iban));
}

export function normalizeBic(bic: string): string {
  return bic.replace(/\s+/g, '').toUpperCase();
}

/** BIC (8 or 11 characters, known country), case-insensitive, spaces allowed. */
export function isValidBic(bic: string): boolean {
  return isValidBIC(normalizeBic(bic));
}

// The EPC's basic Latin character set for SEPA: letters, digits, / - ? : ( ) . , ' + and space.
const SEPA_CHAR = /^[A-Za-z0-9/\-?:().,'+ ]$/;
const SEPA_ID = /^[A-Za-z0-9/\-?:().,'+ ]+$/;

// Letters and signs that do not reduce to the set by dropping accents (NFD). Umlauts go first,
// because NFD would turn ä into a, while German writes ae.
// prettier-ignore
const TRANSLITERATION: Record<string, string> = {
  ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', ẞ: 'SS',
  æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O',
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H', ŋ: 'n', Ŋ: 'N',
  '&': '+', '<': '(', '>': ')', '[': '(', ']': ')', '{': '(', '}': ')',
  '"': "'", '`': "'", '´': "'", '‘': "'", '’': "'", '‚': "'", '“': "'", '”': "'", '„': "'", '«': "'", '»': "'",
  '–': '-', '—': '-', '_': '-', ';': ',', '!': '.', '\\': '/', '€': 'EUR', '،': ',',
};

function transliterate(char: string): string {
  if (SEPA_CHAR.test(char)) return char;
  const mapped = TRANSLITERATION[char];
  if (mapped !== undefined) return mapped;
  const code = char.codePointAt(0)!;
  // Arabic-Indic and Persian digits are digits.
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  // A mark left over after NFC, or an invisible format character (a right-to-left mark), is dropped.
  if (/^[\p{M}\p{Cf}]$/u.test(char)) return '';
  const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
  if (bare && [...bare].every((c) => SEPA_CHAR.test(c))) return bare;
  // Anything else (another script, an emoji, a control character) becomes a space.
  return ' ';
}

/**
 * Text in SEPA's restricted Latin character set: umlauts and ß transliterated (ä→ae, ß→ss), accents
 * dropped (é→e), XML's special characters replaced (& → +, < → (, " → '), every other character
 * outside the set replaced by a space; spaces collapsed, trimmed, cut to `max` characters.
 */
export function toSepaText(text: string, max: number): string {
  const converted = Array.from(text.normalize('NFC'), transliterate).join('');
  return converted.replace(/\s+/g, ' ').trim().slice(0, max).trimEnd();
}

/** Non-negative integer cents as euros with two decimals, without floating point: 97280 → '972.80'. */
export function formatCents(cents: bigint | number): string {
  const value = BigInt(cents);
  return `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `el` wraps content that is already XML; `leaf` wraps text, escaped. */
const el = (name: string, content: string) => `<${name}>${content}</${name}>`;
const leaf = (name: string, value: string) => el(name, escapeXml(value));

function checkId(value: string, path: string, what: string): string {
  // EPC: only the character set, at most 35, and no leading, trailing or double slash.
  const ok =
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= SEPA_ID_MAX &&
    SEPA_ID.test(value) &&
    value.trim() === value &&
    !value.startsWith('/') &&
    !value.endsWith('/') &&
    !value.includes('//');
  if (!ok) {
    throw new SepaInputError(
      'invalidId',
      path,
      `${what} must be 1–${SEPA_ID_MAX} characters of SEPA's character set, without a leading, trailing or double slash`,
    );
  }
  return value;
}

function checkDate(value: string, path: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new SepaInputError('invalidDate', path, `${path} must be a calendar date as YYYY-MM-DD`);
  }
  return value;
}

interface CheckedAccount {
  name: string;
  iban: string;
  bic: string | null;
}

function checkAccount(account: SepaAccount, path: string, who: string): CheckedAccount {
  const name = toSepaText(account.name ?? '', SEPA_NAME_MAX);
  if (!/[A-Za-z0-9]/.test(name)) {
    throw new SepaInputError(
      'emptyName',
      `${path}.name`,
      `${who}: the name has no letters of SEPA's Latin character set; record the account holder's name as the bank spells it`,
    );
  }
  const iban = normalizeIban(account.iban ?? '');
  if (!isValidIBAN(iban)) {
    throw new SepaInputError('invalidIban', `${path}.iban`, `${who}: the IBAN is not valid`);
  }
  if (!isSEPACountry(iban.slice(0, 2))) {
    throw new SepaInputError('nonSepaIban', `${path}.iban`, `${who}: the IBAN's country does not take part in SEPA`);
  }
  const rawBic = account.bic?.trim() ? normalizeBic(account.bic) : null;
  if (rawBic !== null && !isValidBIC(rawBic)) {
    throw new SepaInputError('invalidBic', `${path}.bic`, `${who}: the BIC is not valid`);
  }
  return { name, iban, bic: rawBic };
}

function checkAmount(cents: number, path: string, who: string): bigint {
  if (!Number.isSafeInteger(cents) || cents <= 0 || cents > SEPA_MAX_AMOUNT_CENTS) {
    throw new SepaInputError(
      'invalidAmount',
      path,
      `${who}: the amount must be a whole number of cents from 1 to ${SEPA_MAX_AMOUNT_CENTS}`,
    );
  }
  return BigInt(cents);
}

/** The agent by BIC, or `Othr/Id NOTPROVIDED` as the EPC guidelines ask (a creditor without a BIC gets no agent at all). */
function agent(bic: string | null): string {
  return el('FinInstnId', bic ? leaf('BICFI', bic) : el('Othr', leaf('Id', 'NOTPROVIDED')));
}

/**
 * pain.001.001.09 XML (UTF-8): one PmtInf with batch booking, service level SEPA, charges SLEV;
 * control sums in euros with two decimals, summed in integer cents. Throws `SepaInputError` (naming
 * the transfer) for an input that cannot become a valid file.
 */
export function creditTransferXml(input: CreditTransferInput): string {
  const messageId = checkId(input.messageId, 'messageId', 'messageId');
  if (!(input.createdAt instanceof Date) || Number.isNaN(input.createdAt.getTime())) {
    throw new SepaInputError('invalidDate', 'createdAt', 'createdAt must be a valid instant');
  }
  const executionDate = checkDate(input.executionDate, 'executionDate');
  const debtor = checkAccount(input.debtor, 'debtor', 'debtor');
  if (!input.transfers?.length) {
    throw new SepaInputError('noTransfers', 'transfers', 'a payment file needs at least one transfer');
  }

  const seen = new Set<string>();
  let total = 0n;
  const transactions = input.transfers.map((transfer, i) => {
    const path = `transfers[${i}]`;
    const who = `transfer #${i + 1} (endToEndId '${String(transfer.endToEndId).slice(0, 40)}')`;
    const endToEndId = checkId(transfer.endToEndId, `${path}.endToEndId`, `${who}: endToEndId`);
    if (seen.has(endToEndId)) {
      throw new SepaInputError('duplicateEndToEndId', `${path}.endToEndId`, `${who}: endToEndId is used twice`);
    }
    seen.add(endToEndId);
    const creditor = checkAccount(transfer.creditor, `${path}.creditor`, who);
    const cents = checkAmount(transfer.amountCents, `${path}.amountCents`, who);
    total += cents;
    const remittance = toSepaText(transfer.remittance ?? '', SEPA_REMITTANCE_MAX);
    return el(
      'CdtTrfTxInf',
      el('PmtId', leaf('EndToEndId', endToEndId)) +
        el('Amt', `<InstdAmt Ccy="EUR">${formatCents(cents)}</InstdAmt>`) +
        (creditor.bic ? el('CdtrAgt', agent(creditor.bic)) : '') +
        el('Cdtr', leaf('Nm', creditor.name)) +
        el('CdtrAcct', el('Id', leaf('IBAN', creditor.iban))) +
        (remittance ? el('RmtInf', leaf('Ustrd', remittance)) : ''),
    );
  });

  const count = String(transactions.length);
  const controlSum = formatCents(total);
  const createdAt = input.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');

  const groupHeader = el(
    'GrpHdr',
    leaf('MsgId', messageId) +
      leaf('CreDtTm', createdAt) +
      leaf('NbOfTxs', count) +
      leaf('CtrlSum', controlSum) +
      el('InitgPty', leaf('Nm', debtor.name)),
  );
  const paymentInfo = el(
    'PmtInf',
    leaf('PmtInfId', messageId) +
      leaf('PmtMtd', 'TRF') +
      leaf('BtchBookg', 'true') +
      leaf('NbOfTxs', count) +
      leaf('CtrlSum', controlSum) +
      el('PmtTpInf', el('SvcLvl', leaf('Cd', 'SEPA'))) +
      el('ReqdExctnDt', leaf('Dt', executionDate)) +
      el('Dbtr', leaf('Nm', debtor.name)) +
      el('DbtrAcct', el('Id', leaf('IBAN', debtor.iban))) +
      el('DbtrAgt', agent(debtor.bic)) +
      leaf('ChrgBr', 'SLEV') +
      transactions.join(''),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Document xmlns="${PAIN_001_NAMESPACE}">` +
    el('CstmrCdtTrfInitn', groupHeader + paymentInfo) +
    '</Document>\n'
  );
}
