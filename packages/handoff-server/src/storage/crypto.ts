import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { HandoffServerError } from '../internal/errors';
import { IvPool } from './iv-pool';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const ivs = new IvPool(IV_BYTES);

/** Key ring from configuration: keys are base64 strings of 32 bytes, keyed by a short id. */
export interface KeyRingConfig {
  activeKeyId: string;
  keys: Record<string, string>;
}

/** A value sealed at rest: the key id goes in its own column so keys can rotate. */
export interface SealedValue {
  keyId: string;
  /** iv (12 bytes) ‖ auth tag (16 bytes) ‖ ciphertext. */
  data: Buffer;
}

/**
 * AES-256-GCM for message bodies, transcripts and survey answers. The additional
 * authenticated data binds each ciphertext to its place (table and row), so a ciphertext
 * copied onto another row fails to open. Old key ids keep opening after rotation.
 */
export class FieldCipher {
  readonly activeKeyId: string;
  /** Key objects: the key bytes are handed to OpenSSL once, not on every seal. */
  readonly #keys: ReadonlyMap<string, KeyObject>;

  constructor(config: KeyRingConfig) {
    const keys = new Map<string, KeyObject>();
    for (const [id, encoded] of Object.entries(config.keys)) {
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(id)) {
        throw new HandoffServerError(
          'invalid_config',
          'encryption key ids must match [A-Za-z0-9_.-]{1,64}',
        );
      }
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== KEY_BYTES) {
        throw new HandoffServerError(
          'invalid_config',
          `encryption key "${id}" must be 32 bytes (base64)`,
        );
      }
      keys.set(id, createSecretKey(key));
    }
    if (!keys.has(config.activeKeyId)) {
      throw new HandoffServerError(
        'invalid_config',
        'the active encryption key id is not in the key ring',
      );
    }
    this.activeKeyId = config.activeKeyId;
    this.#keys = keys;
  }

  seal(plaintext: string, aad: string): SealedValue {
    return this.sealBinary(Buffer.from(plaintext, 'utf8'), aad);
  }

  open(sealed: SealedValue, aad: string): string {
    return this.#openRaw(sealed, aad).toString('utf8');
  }

  /** Raw bytes sealed as they are (attachments since migration 18: no base64, +28 bytes). */
  sealBinary(plaintext: Uint8Array, aad: string): SealedValue {
    const key = this.#keys.get(this.activeKeyId)!;
    const iv = ivs.take();
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    // GCM writes as many bytes as it reads: iv ‖ tag ‖ ciphertext laid out in one buffer.
    const body = cipher.update(plaintext);
    const tail = cipher.final();
    const data = Buffer.allocUnsafe(IV_BYTES + TAG_BYTES + body.length + tail.length);
    iv.copy(data, 0);
    cipher.getAuthTag().copy(data, IV_BYTES);
    body.copy(data, IV_BYTES + TAG_BYTES);
    tail.copy(data, IV_BYTES + TAG_BYTES + body.length);
    return { keyId: this.activeKeyId, data };
  }

  openBinary(sealed: SealedValue, aad: string): Uint8Array {
    return this.#openRaw(sealed, aad);
  }

  #openRaw(sealed: SealedValue, aad: string): Buffer {
    const key = this.#keys.get(sealed.keyId);
    if (!key)
      throw new HandoffServerError(
        'unknown_key',
        `encryption key "${sealed.keyId}" is not configured`,
      );
    const data = Buffer.from(sealed.data);
    if (data.length < IV_BYTES + TAG_BYTES) throw new HandoffServerError('decryption_failed');
    try {
      const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
      return plain;
    } catch (error) {
      throw new HandoffServerError('decryption_failed', undefined, { cause: error });
    }
  }

  /** Bytes sealed as base64 text: attachments stored before migration 18 (re-sealed at start). */
  sealBytes(bytes: Uint8Array, aad: string): SealedValue {
    return this.seal(Buffer.from(bytes).toString('base64'), aad);
  }

  openBytes(sealed: SealedValue, aad: string): Uint8Array {
    return new Uint8Array(Buffer.from(this.open(sealed, aad), 'base64'));
  }

  /** JSON values (transcripts, survey answers) sealed the same way. */
  sealJson(value: unknown, aad: string): SealedValue {
    return this.seal(JSON.stringify(value), aad);
  }

  openJson<T>(sealed: SealedValue, aad: string): T {
    return JSON.parse(this.open(sealed, aad)) as T;
  }
}

/** A fresh random 32-byte key, base64: for key generation scripts and tests. */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/** AAD strings: one place, so every backend binds the same way. */
export const aad = {
  message: (conversationId: string, seq: number) => `baton:v1:messages:${conversationId}:${seq}`,
  transcript: (conversationId: string) => `baton:v1:transcripts:${conversationId}`,
  surveyAnswers: (responseId: string) => `baton:v1:survey_responses:${responseId}`,
} as const;
