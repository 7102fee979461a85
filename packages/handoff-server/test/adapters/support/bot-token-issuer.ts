import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { listen, type RunningServer } from './http';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * A stand-in for Azure AD on loopback: an RSA key pair made in the test, its OpenID
 * configuration and JWKS served over real HTTP, and tokens signed like Azure AD's
 * bot-to-bot tokens (`ver`, `aud`, `appid`/`azp`, `iss`, `exp`).
 */
export class BotTokenIssuer {
  readonly kid = randomUUID();
  /** How many times the JWKS was fetched. */
  keyFetches = 0;
  private server: RunningServer | undefined;
  private key: SigningKey | undefined;
  private otherKey: SigningKey | undefined;

  get metadataUrl(): string {
    return `${this.url}/common/v2.0/.well-known/openid-configuration`;
  }

  private get url(): string {
    if (!this.server) throw new Error('issuer not started');
    return this.server.url;
  }

  async start(): Promise<this> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.key = pair.privateKey;
    this.otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, use: 'sig' };
    this.server = await listen((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/common/v2.0/.well-known/openid-configuration') {
        res.end(
          JSON.stringify({ issuer: `${this.url}/common/v2.0`, jwks_uri: `${this.url}/keys` }),
        );
      } else if (req.url === '/keys') {
        this.keyFetches += 1;
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    return this;
  }

  /**
   * A signed token; `claims` override the defaults. `signWith: 'other-key'` signs with a
   * key that is not published but names the published kid (a forged signature);
   * `kid` names a key the JWKS does not have.
   */
  sign(
    claims: JWTPayload & Record<string, unknown>,
    options: { signWith?: 'other-key'; kid?: string; expiresInSeconds?: number } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key = options.signWith === 'other-key' ? this.otherKey : this.key;
    if (!key) throw new Error('issuer not started');
    return new SignJWT({ nbf: now - 60, exp: now + (options.expiresInSeconds ?? 3600), ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? this.kid })
      .setIssuedAt(now - 60)
      .sign(key);
  }

  close(): Promise<void> {
    return this.server?.close() ?? Promise.resolve();
  }
}
