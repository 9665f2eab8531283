import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentDisposition,
  detectDocumentType,
  inlineViewAuditedSince,
  MAX_FILE_NAME_LENGTH,
  sanitizeFileName,
} from './document-types';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe('detectDocumentType', () => {
  it('knows the allowed types by their magic bytes, whatever the name says', () => {
    expect(detectDocumentType(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0]), 'x.pdf')?.contentType).toBe(
      'image/png',
    );
    expect(detectDocumentType(bytes([0xff, 0xd8, 0xff, 0xe0]), 'x')?.contentType).toBe(
      'image/jpeg',
    );
    expect(detectDocumentType(bytes('GIF89a', [1]), 'x')?.contentType).toBe('image/gif');
    expect(detectDocumentType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'x')?.contentType).toBe(
      'image/webp',
    );
    expect(detectDocumentType(bytes('%PDF-1.7\n'), 'estimate.png')?.contentType).toBe(
      'application/pdf',
    );
  });

  it('refuses a script or HTML named like a picture, and SVG', () => {
    expect(detectDocumentType(bytes('<script>alert(1)</script>'), 'photo.png')).toBeNull();
    expect(
      detectDocumentType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.svg'),
    ).toBeNull();
    expect(detectDocumentType(bytes('MZ', [0x90, 0]), 'estimate.pdf')).toBeNull();
    expect(detectDocumentType(bytes([0x89], 'PN'), 'short.png')).toBeNull();
    expect(detectDocumentType(new Uint8Array(), 'empty.pdf')).toBeNull();
  });

  it('accepts text only as .txt or .csv, and only clean UTF-8', () => {
    expect(
      detectDocumentType(bytes('part,cost\nbumper,120000\n'), 'estimate.csv')?.contentType,
    ).toBe('text/csv; charset=utf-8');
    expect(detectDocumentType(bytes('notes'), 'notes.TXT')?.label).toBe('Text');
    expect(detectDocumentType(bytes('<html>'), 'page.html')).toBeNull();
    expect(detectDocumentType(bytes('a', [0], 'b'), 'nul.csv')).toBeNull();
    expect(detectDocumentType(bytes([0xc3, 0x28]), 'bad-utf8.txt')).toBeNull();
  });
});

describe('sanitizeFileName', () => {
  it('keeps ordinary names and strips paths, NUL, controls and lone surrogates', () => {
    expect(sanitizeFileName('Front bumper.jpg')).toBe('Front bumper.jpg');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\x\\photo.png')).toBe('photo.png');
    expect(sanitizeFileName('a\u0000b\u0007c\u202e.pdf')).toBe('abc.pdf');
    expect(sanitizeFileName('x\uD800y.png')).toBe('xy.png');
    expect(sanitizeFileName('..hidden')).toBe('hidden');
    expect(sanitizeFileName('\u0000\u0001')).toBe('document');
    expect(sanitizeFileName('Schadensgutachten – Köln.pdf')).toBe('Schadensgutachten – Köln.pdf');
  });

  it('caps the length and keeps the extension', () => {
    const long = `${'a'.repeat(500)}.pdf`;
    const s = sanitizeFileName(long);
    expect([...s].length).toBe(MAX_FILE_NAME_LENGTH);
    expect(s.endsWith('.pdf')).toBe(true);
  });

  it('always gives a short, storable, header-safe name (generated input)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const s = sanitizeFileName(raw);
        expect(s.length).toBeGreaterThan(0);
        expect([...s].length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
        expect(s).not.toMatch(/[\u0000-\u001f\u007f/\\]/);
        const header = contentDisposition('attachment', s);
        expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''\S+$/);
        expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('inlineViewAuditedSince', () => {
  it('is the start of the UTC day, whatever the time of day or the local zone', () => {
    expect(inlineViewAuditedSince(new Date('2026-11-29T08:40:12.345Z')).toISOString()).toBe(
      '2026-11-29T00:00:00.000Z',
    );
    expect(inlineViewAuditedSince(new Date('2026-11-29T23:59:59.999Z')).toISOString()).toBe(
      '2026-11-29T00:00:00.000Z',
    );
    expect(inlineViewAuditedSince(new Date('2026-11-30T00:00:00.000Z')).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
    expect(inlineViewAuditedSince(new Date('2024-03-01T00:30:00+02:00')).toISOString()).toBe(
      '2024-02-29T00:00:00.000Z',
    );
  });

  it('never lies after the moment it is asked for, nor a day or more before it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (now) => {
          const since = inlineViewAuditedSince(now).getTime();
          expect(since).toBeLessThanOrEqual(now.getTime());
          expect(now.getTime() - since).toBeLessThan(24 * 60 * 60 * 1000);
        },
      ),
    );
  });
});
