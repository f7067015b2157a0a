import { describe, expect, it } from 'vitest';
import { directionOf, negotiateLocale } from './locales.js';

describe('negotiateLocale', () => {
  it('picks the highest-weighted supported language', () => {
    expect(negotiateLocale('fr-FR,ar;q=0.8,en;q=0.9')).toBe('en');
    expect(negotiateLocale('ar-SY')).toBe('ar');
    expect(negotiateLocale('en-GB;q=0.5, de-AT')).toBe('de');
  });

  it('falls back to German for unknown, empty or nonsense headers', () => {
    expect(negotiateLocale(undefined)).toBe('de');
    expect(negotiateLocale('')).toBe('de');
    expect(negotiateLocale('tlh, *;q=0.1')).toBe('de');
    expect(negotiateLocale('en;q=abc')).toBe('de');
    expect(negotiateLocale('en;q=0')).toBe('de');
  });

  it('writes Arabic right to left and the others left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
    expect(directionOf('en')).toBe('ltr');
  });
});
