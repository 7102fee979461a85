import { describe, expect, it } from 'vitest';
import { isInlineImage, sniffAttachmentType } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part,
    ),
  );

describe('attachment type sniffing', () => {
  it('recognises PNG, JPEG, GIF, WebP and PDF by their first bytes', () => {
    expect(sniffAttachmentType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(bytes('GIF89a', [1, 0]))).toBe('image/gif');
    expect(sniffAttachmentType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffAttachmentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses HTML, SVG, scripts and truncated headers whatever they claim to be', () => {
    for (const text of [
      '<!doctype html><script>alert(1)</script>',
      '<svg onload="alert(1)"></svg>',
      '\u00ef\u00bb\u00bf<html>',
      'RIFF1234WAVE',
      '%PD',
      '',
    ]) {
      expect(sniffAttachmentType(bytes(text)), text).toBeNull();
    }
    expect(sniffAttachmentType(bytes([0x89], 'PNG'))).toBeNull();
  });

  it('shows images inline and offers PDF as a download', () => {
    expect(isInlineImage('image/webp')).toBe(true);
    expect(isInlineImage('application/pdf')).toBe(false);
  });
});
