import { generateEncryptionKey, type KeyRingConfig } from '../../src/storage/crypto';

/** A fresh key ring per call: tests never share or print key material. */
export function testKeyRing(activeKeyId = 'k1'): KeyRingConfig {
  return { activeKeyId, keys: { [activeKeyId]: generateEncryptionKey() } };
}
