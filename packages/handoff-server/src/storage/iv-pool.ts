import { randomFillSync } from 'node:crypto';

/** IVs drawn from the system's CSPRNG per refill: one call instead of one per sealed field. */
const IVS_PER_REFILL = 256;

/**
 * Fresh random IVs for AES-GCM, handed out one at a time from a buffer refilled by
 * `randomFillSync` (each acked message seals its body: one `randomBytes(12)` per message was
 * about 3% of the server's CPU on that path). Every IV is handed out once and comes from the
 * same CSPRNG; the view returned is valid until the next call (callers copy it at once, as
 * `createCipheriv` and `Buffer.concat` do).
 */
export class IvPool {
  readonly #size: number;
  readonly #buffer: Buffer;
  #next: number;

  constructor(size: number) {
    this.#size = size;
    this.#buffer = Buffer.alloc(size * IVS_PER_REFILL);
    this.#next = IVS_PER_REFILL;
  }

  take(): Buffer {
    if (this.#next >= IVS_PER_REFILL) {
      randomFillSync(this.#buffer);
      this.#next = 0;
    }
    const start = this.#next * this.#size;
    this.#next += 1;
    return this.#buffer.subarray(start, start + this.#size);
  }
}
