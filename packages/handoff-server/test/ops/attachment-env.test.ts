import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../src/internal/errors';
import { readServerEnv } from '../../src/ops/config';

const base = {
  BATON_PATIENT_JWT_SECRET: 'p'.repeat(64),
  BATON_AGENT_JWT_SECRET: 'a'.repeat(64),
};
const env = (extra: Record<string, string>) => readServerEnv({ ...base, ...extra });

describe('attachments from the environment', () => {
  it('defaults: on, 5 MiB, every accepted type', () => {
    const config = env({});
    expect(config.BATON_ATTACHMENTS).toBe(true);
    expect(config.BATON_ATTACHMENT_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(config.BATON_ATTACHMENT_TYPES).toEqual([]);
  });

  it('reads the switch, the ceiling and a subset of types', () => {
    const config = env({
      BATON_ATTACHMENTS: 'false',
      BATON_ATTACHMENT_MAX_BYTES: '1000000',
      BATON_ATTACHMENT_TYPES: 'image/png, application/pdf',
    });
    expect(config.BATON_ATTACHMENTS).toBe(false);
    expect(config.BATON_ATTACHMENT_MAX_BYTES).toBe(1_000_000);
    expect(config.BATON_ATTACHMENT_TYPES).toEqual(['image/png', 'application/pdf']);
  });

  it('reads the signing secret and the life of the links forwarded to adapters', () => {
    expect(env({}).BATON_ATTACHMENT_LINK_TTL_SECONDS).toBe(900);
    const config = env({
      BATON_ATTACHMENT_LINK_SECRET: 's'.repeat(32),
      BATON_ATTACHMENT_LINK_TTL_SECONDS: '120',
    });
    expect(config.BATON_ATTACHMENT_LINK_SECRET).toBe('s'.repeat(32));
    expect(config.BATON_ATTACHMENT_LINK_TTL_SECONDS).toBe(120);
  });

  it('refuses a type Baton cannot sniff, a ceiling over 25 MiB, a short link secret, naming the variable', () => {
    const bads: Record<string, string>[] = [
      { BATON_ATTACHMENT_TYPES: 'text/html' },
      { BATON_ATTACHMENT_MAX_BYTES: String(26 * 1024 * 1024) },
      { BATON_ATTACHMENT_LINK_SECRET: 'too-short' },
      { BATON_ATTACHMENT_LINK_TTL_SECONDS: '5' },
    ];
    for (const bad of bads) {
      let caught: unknown;
      try {
        env(bad);
      } catch (error) {
        caught = error;
      }
      expect(HandoffServerError.is(caught, 'invalid_config')).toBe(true);
      expect((caught as Error).message).toContain(Object.keys(bad)[0]);
    }
  });
});
