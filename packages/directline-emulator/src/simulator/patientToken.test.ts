import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { PatientTokenVerifier } from './patientToken.js';

const claims = { userId: 'p-9', userName: 'Lou' };

describe('PatientTokenVerifier', () => {
  it('verifies HS256 with the configured secret and refuses another', async () => {
    const key = 'hs256-secret-for-patient-tokens-xyz';
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(key));
    expect(await new PatientTokenVerifier(key).verify(jwt)).toMatchObject({
      verified: true,
      claims,
    });
    expect(
      await new PatientTokenVerifier('some-other-secret-entirely-abc').verify(jwt),
    ).toBeUndefined();
  });

  it('verifies RS256 with a PEM public key', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256' })
      .setExpirationTime('1m')
      .sign(privateKey);
    const verifier = new PatientTokenVerifier(await exportSPKI(publicKey));
    expect(await verifier.verify(jwt)).toMatchObject({ verified: true, claims });
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect(await verifier.verify(forged)).toBeUndefined();
  });

  it('reads claims unverified when no key is configured, and rejects what is no JWT', async () => {
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('k'.repeat(32)));
    expect(await new PatientTokenVerifier(undefined).verify(jwt)).toMatchObject({
      verified: false,
      claims,
    });
    expect(await new PatientTokenVerifier(undefined).verify('not-a-jwt')).toBeUndefined();
  });
});
