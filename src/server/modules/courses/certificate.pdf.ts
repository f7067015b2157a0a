import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { labelOf } from '../../../common/api/translations.js';
import { t } from '../../i18n.js';
import type { CertificateData } from './course-completion.service.js';

/**
 * Languages a certificate is printed in. pdfkit neither shapes Arabic nor orders right-to-left
 * text, so Arabic readers get German (see docs/decisions/0005-certificates.md).
 */
export type CertificateLocale = 'de' | 'en';
export const certificateLocale = (contactLanguage: string | null): CertificateLocale => (contactLanguage === 'en' ? 'en' : 'de');

interface Fonts {
  regular: string;
  bold: string;
  italic: string;
  /** Standard PDF fonts know only WinAnsi (Western European) characters. */
  standard: boolean;
}

/**
 * A serif TrueType family with wide Latin coverage when the system has one (names such as
 * "Şahin" or "Łukasz" print correctly), else the standard PDF Times, which needs no file.
 */
const FONT_FAMILIES = [
  ['/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf', '/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf'],
] as const;

let fonts: Fonts | undefined;
function pickFonts(): Fonts {
  if (!fonts) {
    const family = FONT_FAMILIES.find((files) => files.every((f) => fs.existsSync(f)));
    fonts = family
      ? { regular: family[0], bold: family[1], italic: family[2], standard: false }
      : { regular: 'Times-Roman', bold: 'Times-Bold', italic: 'Times-Italic', standard: true };
  }
  return fonts;
}

/** Windows-1252 beyond Latin-1: the characters the standard fonts can print besides U+0000–U+00FF. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Keeps text printable with the standard fonts: accents dropped where needed, else "?". */
function printable(text: string, f: Fonts): string {
  if (!f.standard) return text;
  return [...text]
    .map((c) => {
      if (c.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(c)) return c;
      const base = c.normalize('NFKD').replace(/\p{M}/gu, '');
      return [...base].every((b) => b.charCodeAt(0) <= 0xff) && base ? base : ({ Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' } as Record<string, string>)[c] ?? '?';
    })
    .join('');
}

const TEAL = '#1d4e5c';
const GOLD = '#a8844a';
const INK = '#222222';
const MUTED = '#5b6770';

const A4 = { width: 595.28, height: 841.89 };
const ROW = 14;
const FOOT_Y = 676;

/** Renders a one-page A4 certificate with a QR code that points to its public verification. */
export async function renderCertificate(data: CertificateData, verifyUrl: string, locale: CertificateLocale, issuedOn: string): Promise<Buffer> {
  const f = pickFonts();
  const m = (key: string, values?: Record<string, string | number>) => printable(t(locale, `courses.certificate.${key}`, values), f);
  const p = (text: string) => printable(text, f);
  const courseTitle = labelOf(data.courseTitle, data.courseTitles, locale);
  // British English writes dates day first, as the German offices do.
  const intl = locale === 'en' ? 'en-GB' : locale;
  const dateLong = (iso: string) => new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const dateShort = (iso: string) =>
    new Intl.DateTimeFormat(intl, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const num = (n: number) => new Intl.NumberFormat(intl, { maximumFractionDigits: 2 }).format(n);

  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, width: 300, color: { dark: '#000000', light: '#ffffff' } });

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: true,
    info: { Title: `${m('title')} – ${data.volunteerName}`, Author: data.networkName, Subject: courseTitle, Creator: 'Lotse' },
    lang: locale,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  doc.registerFont('italic', f.italic);

  // Frame: a strong outer line and a fine inner one, as on printed certificates.
  doc.lineWidth(2.5).strokeColor(TEAL).rect(24, 24, A4.width - 48, A4.height - 48).stroke();
  doc.lineWidth(0.75).strokeColor(GOLD).rect(31, 31, A4.width - 62, A4.height - 62).stroke();

  const left = 70;
  const width = A4.width - 2 * left;
  const centred = (text: string, y: number, font: string, size: number, color = INK, options: PDFKit.Mixins.TextOptions = {}) => {
    doc.font(font).fontSize(size).fillColor(color).text(text, left, y, { width, align: 'center', ...options });
    return doc.y;
  };
  const rule = (y: number, half: number, color = GOLD, w = 0.75) => {
    doc.lineWidth(w).strokeColor(color).moveTo(A4.width / 2 - half, y).lineTo(A4.width / 2 + half, y).stroke();
  };

  centred(p(data.networkName).toUpperCase(), 62, 'bold', 11, TEAL, { characterSpacing: 1.5, height: 30, ellipsis: true });
  rule(86, 40);
  centred(m('title'), 104, 'bold', 40, TEAL, { characterSpacing: 1 });
  centred(m(`kinds.${data.courseKind}`), 156, 'italic', 13, MUTED);

  centred(m('intro'), 204, 'regular', 12.5, INK);
  centred(p(data.volunteerName), 226, 'bold', 27, INK, { height: 36, ellipsis: true });
  rule(266, 150, INK, 0.5);
  centred(m('completed'), 278, 'regular', 12.5, INK);
  let y = centred(p(courseTitle), 302, 'bold', 19, TEAL, { height: 50, ellipsis: true });

  // Facts: period, hours, provider.
  y = Math.max(y, 330) + 16;
  const period = data.firstDate === data.lastDate ? dateLong(data.firstDate) : m('period', { from: dateLong(data.firstDate), to: dateLong(data.lastDate) });
  const facts: [string, string][] = [
    [m('periodLabel'), period],
    [m('hoursLabel'), m('hours', { attended: num(data.attendedHours), total: num(data.totalHours) })],
  ];
  if (data.provider) facts.push([m('providerLabel'), p(data.provider)]);
  const labelWidth = 130;
  for (const [label, value] of facts) {
    doc.font('bold').fontSize(10.5).fillColor(MUTED).text(label, left + 20, y, { width: labelWidth, align: 'right' });
    doc.font('regular').fontSize(10.5).fillColor(INK).text(value, left + 30 + labelWidth, y, { width: width - labelWidth - 50 });
    y = Math.max(doc.y, y + 13) + 4;
  }

  // The modules: date, topic, teaching hours.
  y += 14;
  doc.font('bold').fontSize(11).fillColor(TEAL).text(m('modulesHeading'), left, y, { width, align: 'left' });
  y = doc.y + 4;
  const cols = { date: left, topic: left + 120, hours: left + width - 60 };
  doc.lineWidth(0.5).strokeColor(TEAL).moveTo(left, y).lineTo(left + width, y).stroke();
  y += 4;
  doc.font('bold').fontSize(9).fillColor(MUTED);
  doc.text(m('columns.date'), cols.date, y, { width: 115 });
  doc.text(m('columns.topic'), cols.topic, y, { width: cols.hours - cols.topic - 10 });
  doc.text(m('columns.hours'), cols.hours, y, { width: 56, align: 'right' });
  y += 15;
  // As many rows as fit above the foot; the rest are counted in one line.
  const fit = Math.max(1, Math.floor((FOOT_Y - 24 - y) / ROW));
  const shown = data.sessions.length > fit ? data.sessions.slice(0, fit - 1) : data.sessions;
  shown.forEach((s, i) => {
    if (i % 2 === 0) doc.rect(left, y - 2.5, width, ROW).fill('#f1f5f6');
    doc.font('regular').fontSize(9.5).fillColor(INK);
    doc.text(dateShort(s.date), cols.date + 4, y, { width: 115, lineBreak: false });
    doc.text(s.topic ? p(s.topic) : m('moduleNumber', { number: i + 1 }), cols.topic, y, { width: cols.hours - cols.topic - 10, height: 12, ellipsis: true, lineBreak: false });
    doc.text(num(s.teachingHours), cols.hours, y, { width: 56, align: 'right', lineBreak: false });
    y += ROW;
  });
  if (shown.length < data.sessions.length) {
    doc.font('italic').fontSize(9.5).fillColor(MUTED).text(m('moreModules', { count: data.sessions.length - shown.length }), cols.topic, y, { width: 300, lineBreak: false });
    y += ROW;
  }
  doc.lineWidth(0.5).strokeColor(TEAL).moveTo(left, y + 1).lineTo(left + width, y + 1).stroke();

  // Foot: issue date and signature on the left, the QR code on the right.
  const footY = FOOT_Y;
  doc.font('regular').fontSize(10.5).fillColor(INK).text(m('issued', { date: dateLong(issuedOn) }), left, footY, { width: 260 });
  doc.lineWidth(0.5).strokeColor(INK).moveTo(left, footY + 62).lineTo(left + 220, footY + 62).stroke();
  doc.font('regular').fontSize(9).fillColor(MUTED).text(m('signature'), left, footY + 66, { width: 260 });
  doc.font('regular').fontSize(9).fillColor(MUTED).text(p(data.networkName), left, footY + 78, { width: 260, height: 12, ellipsis: true });

  const qrSize = 86;
  const qrX = left + width - qrSize;
  doc.image(qr, qrX, footY - 4, { width: qrSize, height: qrSize });
  doc.font('regular').fontSize(7.5).fillColor(MUTED).text(m('verifyHint'), qrX - 190, footY + 4, { width: 180, align: 'right' });

  doc.font('regular').fontSize(7).fillColor(MUTED).text(verifyUrl, left, 788, { width, align: 'center', lineBreak: false, link: verifyUrl });

  doc.end();
  return done;
}
