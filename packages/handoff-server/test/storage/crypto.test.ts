import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { FieldCipher, generateEncryptionKey } from '../../src/storage/crypto';

const k1 = generateEncryptionKey();
const k2 = generateEncryptionKey();

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return HandoffServerError.is(error) ? error.code : 'other';
  }
  return undefined;
}

describe('FieldCipher (AES-256-GCM)', () => {
  it('never repeats an IV across refills of its pool of IVs', () => {
    const cipher = new FieldCipher({ activeKeyId: 'k1', keys: { k1 } });
    const ivs = new Set<string>();
    // 1,000 seals span several refills (256 IVs each); each IV is the first 12 bytes.
    for (let i = 0; i < 1000; i += 1) {
      const sealed = cipher.seal(`message ${i}`, `row-${i}`);
      ivs.add(sealed.data.subarray(0, 12).toString('hex'));
      expect(cipher.open(sealed, `row-${i}`)).toBe(`message ${i}`);
    }
    expect(ivs.size).toBe(1000);
  });

  it('round-trips text and JSON with a fresh IV every time', () => {
    const cipher = new FieldCipher({ activeKeyId: 'k1', keys: { k1 } });
    const a = cipher.seal('chest pain since morning', 'row-1');
    const b = cipher.seal('chest pain since morning', 'row-1');
    expect(a.keyId).toBe('k1');
    expect(a.data.equals(b.data)).toBe(false);
    expect(a.data.includes(Buffer.from('chest pain'))).toBe(false);
    expect(cipher.open(a, 'row-1')).toBe('chest pain since morning');
    expect(cipher.openJson(cipher.sealJson({ q: 5, note: 'é✓' }, 'r'), 'r')).toEqual({
      q: 5,
      note: 'é✓',
    });
  });

  it('fails on a ciphertext moved to another row (AAD), tampered, or truncated', () => {
    const cipher = new FieldCipher({ activeKeyId: 'k1', keys: { k1 } });
    const sealed = cipher.seal('hello', 'messages:c1:1');
    expect(code(() => cipher.open(sealed, 'messages:c2:1'))).toBe('decryption_failed');
    const flipped = Buffer.from(sealed.data);
    flipped[flipped.length - 1]! ^= 1;
    expect(code(() => cipher.open({ keyId: 'k1', data: flipped }, 'messages:c1:1'))).toBe(
      'decryption_failed',
    );
    expect(
      code(() => cipher.open({ keyId: 'k1', data: sealed.data.subarray(0, 10) }, 'messages:c1:1')),
    ).toBe('decryption_failed');
  });

  it('keeps opening old values after rotation, and seals new ones with the new key', () => {
    const before = new FieldCipher({ activeKeyId: 'k1', keys: { k1 } });
    const old = before.seal('old', 'r');
    const after = new FieldCipher({ activeKeyId: 'k2', keys: { k1, k2 } });
    expect(after.open(old, 'r')).toBe('old');
    const fresh = after.seal('new', 'r');
    expect(fresh.keyId).toBe('k2');
    expect(code(() => before.open(fresh, 'r'))).toBe('unknown_key');
    expect(code(() => after.open({ keyId: 'k2', data: old.data }, 'r'))).toBe('decryption_failed');
  });

  it('refuses a bad key ring', () => {
    expect(code(() => new FieldCipher({ activeKeyId: 'k9', keys: { k1 } }))).toBe('invalid_config');
    expect(
      code(
        () =>
          new FieldCipher({ activeKeyId: 'k1', keys: { k1: Buffer.alloc(16).toString('base64') } }),
      ),
    ).toBe('invalid_config');
    expect(code(() => new FieldCipher({ activeKeyId: 'bad id', keys: { 'bad id': k1 } }))).toBe(
      'invalid_config',
    );
  });
});
