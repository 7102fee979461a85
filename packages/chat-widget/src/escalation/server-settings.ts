import type { EscalationSettings } from '@baton/handoff-protocol';
import { escalationDetectors } from './index';
import type { EscalationOptions } from './options';
import type { EscalationDetector } from './types';

/**
 * The escalation settings an administrator stored on the handoff server
 * (`GET /api/escalation-settings`); null when unreachable or not an object, and the built-in
 * lists stay. The server checked them before storing; nothing here is patient data.
 */
export async function fetchEscalationSettings(
  serverUrl: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<EscalationSettings | null> {
  try {
    const response = await fetchImpl(new URL('/api/escalation-settings', serverUrl), {
      credentials: 'omit',
    });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    return body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as EscalationSettings)
      : null;
  } catch {
    return null;
  }
}

function under<T extends object>(
  host: T | false | undefined,
  server: object | undefined,
): T | false | undefined {
  if (host === false || !server || typeof server !== 'object') return host;
  return { ...server, ...(host ?? {}) } as T;
}

/** The server's settings beneath the host page's own options: what the host set wins. */
export function withServerSettings(
  host: EscalationOptions | undefined,
  server: EscalationSettings,
): EscalationOptions {
  const options: EscalationOptions = { ...host };
  const patientRequest = under(host?.patientRequest, server.patientRequest);
  const redFlags = under(host?.redFlags, server.redFlags);
  const botFailure = under(host?.botFailure, server.botFailure);
  if (patientRequest !== undefined) options.patientRequest = patientRequest;
  if (redFlags !== undefined) options.redFlags = redFlags;
  if (botFailure !== undefined) options.botFailure = botFailure;
  return options;
}

/**
 * The detectors of the host's options; with a handoff server, the administrator's phrases and
 * thresholds are fetched at start and replace them in place (the host's options still win).
 */
export function tunedDetectors(
  host: EscalationOptions | undefined,
  serverUrl: string | undefined,
): EscalationDetector[] {
  const detectors = escalationDetectors(host);
  if (serverUrl)
    void fetchEscalationSettings(serverUrl).then((settings) => {
      if (settings)
        detectors.splice(
          0,
          detectors.length,
          ...escalationDetectors(withServerSettings(host, settings)),
        );
    });
  return detectors;
}
