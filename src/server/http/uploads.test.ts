import { describe, expect, it } from 'vitest';
import { sniffFileType } from './uploads.js';

describe('sniffing a stored file by its bytes', () => {
  it('knows PDF, PNG and JPEG by their signatures', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
  });

  it('knows nothing else: HTML, SVG, a signature not at the start, a cut-off PNG signature', () => {
    for (const bytes of [
      Buffer.from('<!DOCTYPE html><title>x</title>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.from('<?xml version="1.0"?><svg/>'),
      Buffer.from(' %PDF-1.4'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      Buffer.from('RIFF\0\0\0\0WEBPVP8 '),
      Buffer.alloc(0),
    ]) {
      expect(sniffFileType(bytes), bytes.toString('latin1')).toBeNull();
    }
  });
});
