import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import {
  creditTransferXml,
  formatCents,
  isValidBic,
  isValidIban,
  normalizeIban,
  SepaInputError,
  toSepaText,
  type CreditTransferInput,
  type SepaTransfer,
} from './sepa.js';

/** The ISO 20022 schema, unchanged (tests/fixtures/sepa/README.md says where it comes from). */
const XSD = readFileSync(new URL('../../../../tests/fixtures/sepa/pain.001.001.09.xsd', import.meta.url), 'utf8');

/** Validates with libxml2 (compiled to WebAssembly) against the ISO schema. */
async function validate(xml: string) {
  const result = await validateXML({
    xml: [{ fileName: 'payout.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: XSD }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

async function expectSchemaValid(xml: string) {
  const { valid, errors } = await validate(xml);
  expect(errors).toEqual([]);
  expect(valid).toBe(true);
}

/** Text of every `<name>` element, in document order. */
const all = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
const section = (xml: string, name: string) => xml.slice(xml.indexOf(`<${name}>`), xml.indexOf(`</${name}>`));

const NETWORK = { name: 'Lotse Integrationsnetz e.V.', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' };

function transfer(overrides: Partial<SepaTransfer> = {}): SepaTransfer {
  return {
    endToEndId: '0190A1B2C3D4E5F6A7B8C9D0E1F2A3B4',
    creditor: { name: 'Anna Schmidt', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
    amountCents: 1250,
    remittance: 'Auslagen Maerz 2026',
    ...overrides,
  };
}

function input(transfers: SepaTransfer[], overrides: Partial<CreditTransferInput> = {}): CreditTransferInput {
  return {
    messageId: 'LOTSE-20260302-0001',
    createdAt: new Date('2026-03-02T09:15:30.123Z'),
    executionDate: '2026-03-04',
    debtor: NETWORK,
    transfers,
    ...overrides,
  };
}

const threeTransfers = [
  transfer({ endToEndId: 'CLAIM1', amountCents: 1250 }),
  transfer({
    endToEndId: 'CLAIM2',
    amountCents: 30,
    creditor: { name: 'Ben Okafor', iban: 'at61 1904 3002 3457 3201', bic: 'bkauatwwxxx' },
  }),
  transfer({
    endToEndId: 'CLAIM3',
    amountCents: 96000,
    creditor: { name: 'Chloé Martin', iban: 'FR1420041010050500013M02606', bic: null },
  }),
];

function thrown(fn: () => unknown): SepaInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SepaInputError);
    return error as SepaInputError;
  }
  throw new Error('expected a SepaInputError, nothing was thrown');
}

describe('creditTransferXml', () => {
  it('writes a file with three transfers that the ISO schema accepts, with NbOfTxs 3 and CtrlSum 972.80', async () => {
    const xml = creditTransferXml(input(threeTransfers));

    await expectSchemaValid(xml);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">'),
    ).toBe(true);
    expect(all(section(xml, 'GrpHdr'), 'NbOfTxs')).toEqual(['3']);
    expect(all(section(xml, 'GrpHdr'), 'CtrlSum')).toEqual(['972.80']);
    expect(all(xml, 'NbOfTxs')).toEqual(['3', '3']);
    expect(all(xml, 'CtrlSum')).toEqual(['972.80', '972.80']);
    expect(all(xml, 'InstdAmt')).toEqual(['12.50', '0.30', '960.00']);
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.30</InstdAmt>');
    expect(xml.match(/<PmtInf>/g)).toHaveLength(1);
    expect(xml.match(/<CdtTrfTxInf>/g)).toHaveLength(3);
    expect(all(xml, 'BtchBookg')).toEqual(['true']);
    expect(all(xml, 'PmtMtd')).toEqual(['TRF']);
    expect(all(xml, 'ChrgBr')).toEqual(['SLEV']);
    expect(xml).toContain('<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>');
    expect(xml).toContain('<ReqdExctnDt><Dt>2026-03-04</Dt></ReqdExctnDt>');
    expect(all(xml, 'CreDtTm')).toEqual(['2026-03-02T09:15:30Z']);
    expect(all(xml, 'MsgId')).toEqual(['LOTSE-20260302-0001']);
    expect(all(xml, 'EndToEndId')).toEqual(['CLAIM1', 'CLAIM2', 'CLAIM3']);
    // IBANs and BICs in electronic form: upper case, no spaces.
    expect(all(xml, 'IBAN')).toEqual([
      'DE89370400440532013000',
      'DE02120300000000202051',
      'AT611904300234573201',
      'FR1420041010050500013M02606',
    ]);
    expect(all(xml, 'BICFI')).toEqual(['COBADEFFXXX', 'BYLADEM1001', 'BKAUATWWXXX']);
    expect(all(xml, 'Ustrd')).toEqual(['Auslagen Maerz 2026', 'Auslagen Maerz 2026', 'Auslagen Maerz 2026']);
  });

  it('sums control totals in integer cents, where floating point would drift', async () => {
    // 0.10 € a thousand times: summing 0.1 in floating point gives 99.9999999999986.
    const transfers = Array.from({ length: 1000 }, (_, i) => transfer({ endToEndId: `C${i}`, amountCents: 10 }));
    const xml = creditTransferXml(input(transfers));

    expect(all(xml, 'CtrlSum')).toEqual(['100.00', '100.00']);
    expect(all(xml, 'NbOfTxs')).toEqual(['1000', '1000']);
    await expectSchemaValid(xml);
  });

  it('transliterates umlauts, drops Arabic script and replaces XML special characters, and the file still validates', async () => {
    const xml = creditTransferXml(
      input([
        transfer({
          endToEndId: 'UMLAUT',
          creditor: { name: 'Jürgen Müller-Weiß & Söhne <GbR> "Nord"', iban: 'DE02120300000000202051' },
          remittance: 'Fahrtkosten März – Café Ümit & Co. <Büro>',
        }),
        transfer({
          endToEndId: 'ARABIC',
          creditor: { name: 'Ahmad أحمد Al-Sayed', iban: 'NL91ABNA0417164300' },
          remittance: 'Auslagen für مريم ٣/٢٠٢٦',
        }),
        transfer({
          endToEndId: 'APOSTROPHE',
          creditor: { name: "Siobhán O'Brien", iban: 'DE89370400440532013000' },
          remittance: 'Tickets',
        }),
      ]),
    );

    await expectSchemaValid(xml);
    expect(all(xml, 'Nm').slice(2)).toEqual(["Juergen Mueller-Weiss + Soehne (GbR) 'Nord'", 'Ahmad Al-Sayed', "Siobhan O'Brien"]);
    expect(all(xml, 'Ustrd')).toEqual(['Fahrtkosten Maerz - Cafe Uemit + Co. (Buero)', 'Auslagen fuer 3/2026', 'Tickets']);
    // Nothing outside the EPC character set reaches a text node.
    for (const value of [...all(xml, 'Nm'), ...all(xml, 'Ustrd')]) expect(value).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]+$/);
  });

  it('writes a transfer without a BIC with no creditor agent, and a debtor without a BIC as NOTPROVIDED; both validate', async () => {
    const xml = creditTransferXml(
      input(
        [
          transfer({ creditor: { name: 'Dana Weber', iban: 'DE02120300000000202051', bic: null } }),
          transfer({ endToEndId: 'NOBIC2', creditor: { name: 'Eli', iban: 'DE02120300000000202051', bic: '  ' } }),
        ],
        {
          debtor: { name: NETWORK.name, iban: NETWORK.iban },
        },
      ),
    );

    await expectSchemaValid(xml);
    expect(xml).not.toContain('<CdtrAgt>');
    expect(xml).toContain('<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>');
    expect(all(xml, 'BICFI')).toEqual([]);
  });

  it('leaves out the remittance element when nothing of the text is left', async () => {
    const xml = creditTransferXml(input([transfer({ remittance: ' مريم ' })]));

    await expectSchemaValid(xml);
    expect(xml).not.toContain('<RmtInf>');
  });

  it('cuts names to 70 and remittance to 140 characters after transliteration', async () => {
    const xml = creditTransferXml(
      input([transfer({ creditor: { name: 'Ä'.repeat(50), iban: 'DE02120300000000202051' }, remittance: 'ü'.repeat(100) })]),
    );

    await expectSchemaValid(xml);
    expect(all(xml, 'Nm')[2]).toBe('Ae'.repeat(35));
    expect(all(xml, 'Ustrd')[0]).toBe('ue'.repeat(70));
  });

  it('refuses an invalid IBAN and names the transfer, not the IBAN', () => {
    const error = thrown(() =>
      creditTransferXml(
        input([
          transfer({ endToEndId: 'OK1' }),
          transfer({ endToEndId: 'BAD2', creditor: { name: 'Frieda', iban: 'DE02120300000000202052' } }),
        ]),
      ),
    );

    expect(error.code).toBe('SEPA_INPUT_INVALID');
    expect(error.reason).toBe('invalidIban');
    expect(error.path).toBe('transfers[1].creditor.iban');
    expect(error.message).toContain("transfer #2 (endToEndId 'BAD2')");
    expect(error.message).not.toContain('DE02120300000000202052');
  });

  it('refuses an invalid debtor IBAN', () => {
    const error = thrown(() => creditTransferXml(input([transfer()], { debtor: { name: 'Netz', iban: 'DE00 0000' } })));
    expect(error.path).toBe('debtor.iban');
  });

  it('refuses a valid IBAN of a country outside SEPA', () => {
    const error = thrown(() => creditTransferXml(input([transfer({ creditor: { name: 'Gül', iban: 'TR330006100519786457841326' } })])));
    expect(error.reason).toBe('nonSepaIban');
    expect(error.path).toBe('transfers[0].creditor.iban');
  });

  it('refuses an invalid BIC', () => {
    const error = thrown(() =>
      creditTransferXml(input([transfer({ creditor: { name: 'Hanna', iban: 'DE02120300000000202051', bic: 'BYLA DE' } })])),
    );
    expect(error.reason).toBe('invalidBic');
    expect(error.path).toBe('transfers[0].creditor.bic');
  });

  it.each([
    ['zero', 0],
    ['negative', -100],
    ['not whole cents', 12.5],
    ['not a number', Number.NaN],
    ['above the SEPA maximum', 100_000_000_000],
  ])('refuses an amount that is %s', (_, amountCents) => {
    const error = thrown(() =>
      creditTransferXml(input([transfer({ endToEndId: 'FIRST' }), transfer({ endToEndId: 'AMOUNT', amountCents })])),
    );
    expect(error.reason).toBe('invalidAmount');
    expect(error.path).toBe('transfers[1].amountCents');
    expect(error.message).toContain("transfer #2 (endToEndId 'AMOUNT')");
  });

  it('accepts the largest SEPA amount, 999999999.99', async () => {
    const xml = creditTransferXml(input([transfer({ amountCents: 99_999_999_999 })]));
    expect(all(xml, 'InstdAmt')).toEqual(['999999999.99']);
    await expectSchemaValid(xml);
  });

  it('refuses a name with no Latin letters, asking for the name as the bank spells it', () => {
    const error = thrown(() => creditTransferXml(input([transfer({ creditor: { name: 'مريم حداد', iban: 'DE02120300000000202051' } })])));
    expect(error.reason).toBe('emptyName');
    expect(error.path).toBe('transfers[0].creditor.name');
  });

  it('refuses a file without transfers', () => {
    expect(thrown(() => creditTransferXml(input([]))).reason).toBe('noTransfers');
  });

  it('refuses an end-to-end id used twice', () => {
    const error = thrown(() => creditTransferXml(input([transfer({ endToEndId: 'SAME' }), transfer({ endToEndId: 'SAME' })])));
    expect(error.reason).toBe('duplicateEndToEndId');
    expect(error.path).toBe('transfers[1].endToEndId');
  });

  it.each([
    ['longer than 35 characters', 'X'.repeat(36)],
    ['empty', ''],
    ['outside the character set', 'CLAIM_1'],
    ['with a leading slash', '/CLAIM1'],
    ['with a double slash', 'CLAIM//1'],
  ])('refuses identifiers %s', (_, id) => {
    expect(thrown(() => creditTransferXml(input([transfer({ endToEndId: id })]))).path).toBe('transfers[0].endToEndId');
    expect(thrown(() => creditTransferXml(input([transfer()], { messageId: id }))).path).toBe('messageId');
  });

  it.each(['2026-02-30', '04.03.2026', '2026-3-4'])('refuses the execution date %s', (executionDate) => {
    expect(thrown(() => creditTransferXml(input([transfer()], { executionDate }))).reason).toBe('invalidDate');
  });

  it('refuses an invalid creation instant', () => {
    expect(thrown(() => creditTransferXml(input([transfer()], { createdAt: new Date('nope') }))).path).toBe('createdAt');
  });
});

describe('the XSD check', () => {
  it('uses the unchanged ISO 20022 schema', () => {
    expect(XSD).toContain('<!--Generated by Standards Editor (build:R1.6.15) on 2019 Feb 14 11:57:59, ISO 20022 version : 2013-->');
    expect(XSD).toContain('targetNamespace="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"');
    expect(XSD).toHaveLength(55_803);
  });

  it('fails a document without the mandatory MsgId', async () => {
    const xml = creditTransferXml(input(threeTransfers)).replace('<MsgId>LOTSE-20260302-0001</MsgId>', '');
    const { valid, errors } = await validate(xml);
    expect(valid).toBe(false);
    expect(errors.join('\n')).toMatch(/CreDtTm.*not expected.*MsgId/);
  });

  it('fails a document without the debtor account', async () => {
    const xml = creditTransferXml(input(threeTransfers)).replace(/<DbtrAcct>.*?<\/DbtrAcct>/, '');
    const { valid, errors } = await validate(xml);
    expect(valid).toBe(false);
    expect(errors.join('\n')).toMatch(/DbtrAgt.*not expected.*DbtrAcct/);
  });

  it('fails a document whose number of transactions is not numeric', async () => {
    const xml = creditTransferXml(input(threeTransfers)).replace('<NbOfTxs>3</NbOfTxs>', '<NbOfTxs>three</NbOfTxs>');
    const { valid, errors } = await validate(xml);
    expect(valid).toBe(false);
    expect(errors.join('\n')).toMatch(/NbOfTxs/);
  });
});

describe('toSepaText', () => {
  it('transliterates umlauts and ß', () => {
    expect(toSepaText('Äpfel, Öl, Übung: ä ö ü ß ẞ', 140)).toBe('Aepfel, Oel, Uebung: ae oe ue ss SS');
  });

  it('drops accents and maps letters that have none to take off', () => {
    expect(toSepaText('Çağla Şahin, José, Łukasz, Søren, Ærø', 140)).toBe('Cagla Sahin, Jose, Lukasz, Soren, AEro');
  });

  it('replaces XML special characters and collapses what is left', () => {
    expect(toSepaText('A & B <c> "d"\n\te', 140)).toBe("A + B (c) 'd' e");
  });

  it('turns Arabic-Indic digits into digits and other scripts into spaces', () => {
    expect(toSepaText('Rechnung ١٢٣ von سارة 😊', 140)).toBe('Rechnung 123 von');
  });

  it('drops invisible marks instead of splitting words', () => {
    expect(toSepaText('Ma\u200Fria, Zo\u0308e\u0326', 140)).toBe('Maria, Zoee');
  });

  it('counts the limit after transliteration and trims what the cut leaves', () => {
    expect(toSepaText('Müller', 3)).toBe('Mue');
    expect(toSepaText('ab cd', 3)).toBe('ab');
  });
});

describe('IBAN and BIC checks', () => {
  it('accepts IBANs with spaces and in lower case, and normalises them', () => {
    expect(isValidIban('de89 3704 0044 0532 0130 00')).toBe(true);
    expect(normalizeIban(' de89 3704 0044 0532 0130 00 ')).toBe('DE89370400440532013000');
  });

  it('refuses an IBAN whose check digits do not match (mod 97)', () => {
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('DE88370400440532013000')).toBe(false);
  });

  it('refuses an IBAN of the wrong length for its country, or of no country', () => {
    expect(isValidIban('DE8937040044053201300')).toBe(false);
    expect(isValidIban('XX89370400440532013000')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });

  it('checks BICs of 8 and 11 characters, case-insensitively', () => {
    expect(isValidBic('COBADEFFXXX')).toBe(true);
    expect(isValidBic('cobadeff')).toBe(true);
    expect(isValidBic('COBADEF')).toBe(false);
    expect(isValidBic('COBAXXFF')).toBe(false);
  });
});

describe('formatCents', () => {
  it('formats integer cents as euros with two decimals', () => {
    expect(formatCents(97280)).toBe('972.80');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(99_999_999_999n)).toBe('999999999.99');
  });
});
