import { describe, expect, it } from 'vitest';
import { attachmentLink, verifyAttachmentLink } from './download-links';

const link = (url: string) => new URL(url, 'http://x').searchParams.get('link') ?? '';

describe('signed attachment links', () => {
  const now = 1_800_000_000_000;
  const signer = { secret: 's'.repeat(32), publicUrl: 'https://chat.example.org/', now: () => now };

  it('is absolute with the public URL, names the file, and expires after the TTL', () => {
    const { url, expiresAt } = attachmentLink({ ...signer, ttlMs: 60_000 }, 'file-1');
    expect(url).toMatch(/^https:\/\/chat\.example\.org\/api\/attachments\/file-1\?link=/);
    expect(expiresAt).toBe(new Date(now + 60_000).toISOString());
    expect(verifyAttachmentLink(signer, 'file-1', link(url))).toBe(true);
    expect(verifyAttachmentLink({ ...signer, now: () => now + 60_000 }, 'file-1', link(url))).toBe(
      false,
    );
  });

  it('refuses another file, another secret, a tampered expiry or signature, junk', () => {
    const value = link(attachmentLink(signer, 'file-1').url);
    const [stamp, signature] = value.split('.');
    expect(verifyAttachmentLink(signer, 'file-2', value)).toBe(false);
    expect(verifyAttachmentLink({ ...signer, secret: 't'.repeat(32) }, 'file-1', value)).toBe(
      false,
    );
    const later = (Number.parseInt(stamp!, 36) + 3_600_000).toString(36);
    expect(verifyAttachmentLink(signer, 'file-1', `${later}.${signature}`)).toBe(false);
    expect(verifyAttachmentLink(signer, 'file-1', `${stamp}.${signature!.slice(1)}x`)).toBe(false);
    for (const junk of ['', '.', 'a.b.c', 'zzzzzzzzzzzzzz.sig'])
      expect(verifyAttachmentLink(signer, 'file-1', junk), junk).toBe(false);
  });

  it('is a path when the server does not know its public address', () => {
    const { url } = attachmentLink({ secret: signer.secret }, 'file 1');
    expect(url.startsWith('/api/attachments/file%201?link=')).toBe(true);
  });
});
