import { randomUUID } from 'node:crypto';
import { importJWK, importPKCS8, type JWK, SignJWT } from 'jose';
import { HandoffServerError } from '../internal/errors';

/** Gives the `Authorization` header value for the next FHIR request. */
export interface FhirAuthorization {
  header(): Promise<string>;
  /** Forget a cached token (after a 401), so the next `header()` asks again. */
  invalidate(): void;
}

/** A fixed bearer token (e.g. a long-lived API key of the FHIR server). */
export function staticBearer(token: string): FhirAuthorization {
  return { header: async () => `Bearer ${token}`, invalidate: () => undefined };
}

export interface SmartBackendOptions {
  tokenUrl: string;
  clientId: string;
  /** The client's private key: a JWK (with `alg`) or a PKCS#8 PEM. */
  privateKey: JWK | string;
  /** `RS384` or `ES384` (SMART's two); default from the JWK's `alg`, else RS384. */
  algorithm?: 'RS384' | 'ES384';
  /** The key id registered with the authorization server (`kid` of its JWKS entry). */
  keyId?: string;
  /** E.g. `system/Patient.read system/Slot.read system/Appointment.write`. */
  scope: string;
  /** Refresh this long before `expires_in` runs out. Default 30 s. */
  skewMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * SMART Backend Services (client-credentials grant with a signed JWT assertion): signs a
 * short-lived `client_assertion` with the client's private key, exchanges it at the token
 * endpoint, and reuses the access token until shortly before it expires. Concurrent callers
 * share one token request.
 */
export function smartBackendServices(options: SmartBackendOptions): FhirAuthorization {
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? fetch;
  const skewMs = options.skewMs ?? 30_000;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const algorithm =
    options.algorithm ??
    (typeof options.privateKey === 'object' && options.privateKey.alg === 'ES384'
      ? 'ES384'
      : 'RS384');
  const key =
    typeof options.privateKey === 'string'
      ? importPKCS8(options.privateKey, algorithm)
      : importJWK(options.privateKey, algorithm);
  const keyId =
    options.keyId ?? (typeof options.privateKey === 'object' ? options.privateKey.kid : undefined);

  const requestToken = async (): Promise<string> => {
    const issuedAt = Math.floor(now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: algorithm, typ: 'JWT', ...(keyId ? { kid: keyId } : {}) })
      .setIssuer(options.clientId)
      .setSubject(options.clientId)
      .setAudience(options.tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 300)
      .sign(await key);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      scope: options.scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    let response: Response;
    try {
      response = await doFetch(options.tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (cause) {
      throw new HandoffServerError('provider_unavailable', 'FHIR token endpoint unreachable', {
        cause,
      });
    }
    const json = (await response.json().catch(() => null)) as {
      access_token?: unknown;
      expires_in?: unknown;
    } | null;
    if (!response.ok || typeof json?.access_token !== 'string')
      throw new HandoffServerError(
        'provider_unavailable',
        `FHIR token endpoint refused the client (HTTP ${response.status})`,
      );
    const lifetime = typeof json.expires_in === 'number' ? json.expires_in * 1000 : 300_000;
    cached = { token: json.access_token, expiresAt: now() + lifetime - skewMs };
    return json.access_token;
  };

  return {
    async header() {
      if (cached && cached.expiresAt > now()) return `Bearer ${cached.token}`;
      pending ??= requestToken().finally(() => {
        pending = null;
      });
      return `Bearer ${await pending}`;
    },
    invalidate() {
      cached = null;
    },
  };
}
