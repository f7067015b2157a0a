import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { payoutCsv } from '../modules/expense-claims/payout-csv.js';
import { csvFile, neutraliseCell } from './csv.js';

const read = (file: Buffer, delimiter: string) => parse(file.toString('utf8').replace(/^\ufeff/, ''), { delimiter }) as string[][];

describe('the CSV writer', () => {
  it('keeps text that a spreadsheet would run as a formula as text, also after spaces', () => {
    for (const value of ['=HYPERLINK("https://evil.example","x")', '+49 511 1234', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\t=1', '\r=1', '  =1+1', ' \u00a0@x']) {
      expect(neutraliseCell(value), JSON.stringify(value)).toBe(`'${value}`);
    }
    for (const value of ['Haddad', 'Müller-Lüdenscheidt', 'a=b', 'x+y', '', '18,55', 'E-Mail']) expect(neutraliseCell(value)).toBe(value);
  });

  it('writes numbers as numbers, negative ones too, and text neutralised, with a byte-order mark', () => {
    const file = csvFile([['Name', 'Betrag'], ['=1+1', -5], [null, 12.5]], ';');
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(read(file, ';')).toEqual([['Name', 'Betrag'], ["'=1+1", '-5'], ['', '12.5']]);
  });

  it('writes the payout list through it: every text column neutralised, amounts unchanged', () => {
    const file = payoutCsv(
      [{ endToEndId: 'E2E-1', accountHolder: '=HYPERLINK("https://evil.example")', iban: 'DE89370400440532013000', bic: null, amountCents: 1855, remittance: '@Fahrtkosten', volunteerName: '-Amira' }],
      'de',
    );
    const [, line, total] = read(file, ';');
    expect(line).toEqual(["'-Amira", `'=HYPERLINK("https://evil.example")`, 'DE89370400440532013000', '', '18,55', "'@Fahrtkosten", 'E2E-1']);
    expect(total![4]).toBe('18,55');
  });
});
