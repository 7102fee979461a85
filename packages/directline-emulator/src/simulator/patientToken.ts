import { decodeJwt, importSPKI, type JWTPayload, jwtVerify } from 'jose';

export interface PatientIdentity {
  verified: boolean;
  claims: JWTPayload;
}

type VerifyKey = Uint8Array | CryptoKey;

/**
 * Verifies the patient JWT that Health Bot's `InitConversation` carries (`jsonWebToken`).
 * The key is an HS256 secret, or a PEM public key (RS256/ES256/PS256). Without a key the
 * claims are read unverified, for local development only.
 */
export class PatientTokenVerifier {
  private readonly source: string | undefined;
  private key: Promise<{ key: VerifyKey; algorithms: string[] }> | undefined;

  constructor(source: string | undefined) {
    this.source = source;
  }

  async verify(jwt: string): Promise<PatientIdentity | undefined> {
    if (this.source === undefined) {
      try {
        return { verified: false, claims: decodeJwt(jwt) };
      } catch {
        return;
      }
    }
    const { key, algorithms } = await this.resolveKey(this.source);
    try {
      const { payload } = await jwtVerify(jwt, key, { algorithms });
      return { verified: true, claims: payload };
    } catch {
      return;
    }
  }

  private resolveKey(source: string) {
    this.key ??= (async () => {
      if (!source.includes('-----BEGIN PUBLIC KEY-----')) {
        return { key: new TextEncoder().encode(source) as VerifyKey, algorithms: ['HS256'] };
      }
      for (const alg of ['RS256', 'ES256', 'PS256']) {
        try {
          return { key: (await importSPKI(source, alg)) as VerifyKey, algorithms: [alg] };
        } catch {
          // try the next algorithm family
        }
      }
      throw new Error('patientTokenKey is not a usable PEM public key');
    })();
    return this.key;
  }
}
