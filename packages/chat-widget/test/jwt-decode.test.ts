import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { STUBS } from '../scripts/browser-bundle';

type Decode = (token: unknown, options?: { header?: boolean }) => unknown;

// The jwt-decode that Direct Line depends on, beside the browser build's replacement of it.
const directLine = createRequire(import.meta.url).resolve('botframework-directlinejs');
const real = createRequire(directLine)('jwt-decode') as {
  default: Decode;
  InvalidTokenError: new () => Error;
};
const stub = (await import(
  `data:text/javascript,${encodeURIComponent(STUBS['jwt-decode'] ?? '')}`
)) as { default: Decode; InvalidTokenError: new () => Error };

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (payload: unknown) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.sig`;

describe('the browser build’s jwt-decode', () => {
  it('decodes what jwt-decode decodes: base64url, no padding, UTF-8 or not, the header on request', () => {
    const tokens = [
      token({ user: 'dl_patient-1', exp: 1_900_000_000 }),
      token({ user: 'Zoë Ørsted 患者 ✓', bot: 'b>?' }), // + and / in standard base64
      token({ a: 1 }),
      token({ ab: 12 }),
      token({ abc: 123 }),
      `${part({})}.${Buffer.from([0x22, 0xff, 0xfe, 0x22]).toString('base64url')}.c`, // not UTF-8
    ];
    for (const t of tokens) {
      expect(stub.default(t)).toEqual(real.default(t));
      expect(stub.default(t, { header: true })).toEqual(real.default(t, { header: true }));
    }
  });

  it('refuses what jwt-decode refuses, with its error type', () => {
    const invalid = [
      undefined,
      42,
      'no-dots',
      'a.!!!.c',
      `${part({})}.${Buffer.from('not json').toString('base64url')}.c`,
      `${part({})}.x.c`, // one base64 character: no byte
    ];
    for (const t of invalid) {
      expect(() => real.default(t)).toThrow(real.InvalidTokenError);
      expect(() => stub.default(t)).toThrow(stub.InvalidTokenError);
      expect(() => stub.default(t)).toThrow(/^Invalid token specified/);
    }
  });
});
