import { HandoffServerError } from '../internal/errors';
import type { FhirAuthorization } from './auth';

/** The parts of a FHIR resource Baton reads: anything with a type and an id. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: { versionId?: string };
  [field: string]: unknown;
}

export interface FhirBundle {
  resourceType: 'Bundle';
  entry?: { resource?: FhirResource }[];
}

export interface FhirClientOptions {
  /** The FHIR R4 base URL, e.g. `https://fhir.example.org/r4`. */
  baseUrl: string;
  authorization?: FhirAuthorization;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** `ok`, or the answer of a conditional write that lost (HTTP 409/412). */
export type FhirWrite<T> = { ok: true; resource: T } | { ok: false; status: number };

/**
 * A small FHIR R4 REST client (read, search, create, update with `If-Match`). Failures are
 * `provider_unavailable` errors carrying the HTTP status, never the response body (it can
 * hold PHI). A 401 refreshes the token once.
 */
export class FhirClient {
  readonly #base: string;
  readonly #auth: FhirAuthorization | undefined;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: FhirClientOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#auth = options.authorization;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  async read<T extends FhirResource>(type: string, id: string): Promise<T | null> {
    const response = await this.#request('GET', `${type}/${encodeURIComponent(id)}`);
    if (response.status === 404 || response.status === 410) return null;
    return (await this.#json(response)) as T;
  }

  async search<T extends FhirResource>(
    type: string,
    params: readonly (readonly [string, string])[],
  ): Promise<T[]> {
    const query = new URLSearchParams(params.map(([k, v]) => [k, v]));
    const response = await this.#request('GET', `${type}?${query}`);
    const bundle = (await this.#json(response)) as FhirBundle;
    return (bundle.entry ?? [])
      .map((e) => e.resource)
      .filter((r): r is T => r?.resourceType === type);
  }

  async create<T extends FhirResource>(resource: T): Promise<T> {
    const response = await this.#request('POST', resource.resourceType, resource);
    return (await this.#json(response)) as T;
  }

  /** Updates `resource`; with `ifMatch` (a version id) only if nobody changed it meanwhile. */
  async update<T extends FhirResource>(resource: T, ifMatch?: string): Promise<FhirWrite<T>> {
    const response = await this.#request(
      'PUT',
      `${resource.resourceType}/${encodeURIComponent(resource.id ?? '')}`,
      resource,
      ifMatch ? { 'if-match': `W/"${ifMatch}"` } : {},
    );
    if (response.status === 409 || response.status === 412) {
      await response.body?.cancel();
      return { ok: false, status: response.status };
    }
    return { ok: true, resource: (await this.#json(response)) as T };
  }

  async #request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    retried = false,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}/${path}`, {
        method,
        headers: {
          accept: 'application/fhir+json',
          ...(body ? { 'content-type': 'application/fhir+json' } : {}),
          ...(this.#auth ? { authorization: await this.#auth.header() } : {}),
          ...headers,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      if (HandoffServerError.is(cause)) throw cause;
      throw new HandoffServerError('provider_unavailable', 'FHIR server unreachable', { cause });
    }
    if (response.status === 401 && this.#auth && !retried) {
      await response.body?.cancel();
      this.#auth.invalidate();
      return this.#request(method, path, body, headers, true);
    }
    return response;
  }

  async #json(response: Response): Promise<unknown> {
    if (!response.ok) {
      await response.body?.cancel();
      throw new HandoffServerError(
        'provider_unavailable',
        `FHIR server answered HTTP ${response.status}`,
      );
    }
    return response.json();
  }
}
