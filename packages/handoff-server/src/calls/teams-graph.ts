import { createId } from '@baton/handoff-protocol';
import { HandoffServerError } from '../internal/errors';
import type { CallProvider } from './provider';

export interface TeamsCallOptions {
  /** Azure AD (Entra ID) tenant. */
  tenantId: string;
  /** App registration with the `OnlineMeetings.ReadWrite.All` application permission. */
  clientId: string;
  clientSecret: string;
  /**
   * The user meetings are created for (object id or UPN); the app needs an application
   * access policy allowing it (`New-CsApplicationAccessPolicy`).
   */
  organizerUserId: string;
  /** Default `https://graph.microsoft.com` (a test double in tests). */
  graphUrl?: string;
  /** Default `https://login.microsoftonline.com`. */
  loginUrl?: string;
  /** Subject of every meeting; never patient data. Default "Patient call". */
  subject?: string;
  /** Default 10 s per request. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface Token {
  value: string;
  expiresAt: number;
}

const unavailable = (what: string, cause?: unknown) =>
  new HandoffServerError('call_provider_unavailable', `Microsoft Graph: ${what}`, { cause });

/**
 * Microsoft Teams meetings through Microsoft Graph: a client-credentials token from Azure AD
 * (cached until a minute before it expires), then `POST /v1.0/users/{organizer}/onlineMeetings`
 * with the start, end and a neutral subject; the meeting's `joinWebUrl` is the link for both
 * the patient (who waits in the lobby) and the agent. Plain `fetch`, no SDK.
 */
export function teamsCallProvider(options: TeamsCallOptions): CallProvider {
  const doFetch = options.fetch ?? fetch;
  const graph = (options.graphUrl ?? 'https://graph.microsoft.com').replace(/\/$/, '');
  const login = (options.loginUrl ?? 'https://login.microsoftonline.com').replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  let token: Token | null = null;
  let pending: Promise<Token> | null = null;

  async function request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw unavailable('unreachable', error);
    }
  }

  async function fetchToken(): Promise<Token> {
    const response = await request(
      `${login}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: options.clientId,
          client_secret: options.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
          grant_type: 'client_credentials',
        }).toString(),
      },
    );
    const body = (await response.json().catch(() => null)) as {
      access_token?: string;
      expires_in?: number;
    } | null;
    if (!response.ok || typeof body?.access_token !== 'string')
      throw unavailable(`token request refused (${response.status})`);
    const lifetime = Number(body.expires_in ?? 3599) * 1000;
    return { value: body.access_token, expiresAt: Date.now() + lifetime - 60_000 };
  }

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now()) return token.value;
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    token = await pending;
    return token.value;
  }

  return {
    name: 'teams',
    async createMeeting(meeting) {
      const send = async () =>
        request(
          `${graph}/v1.0/users/${encodeURIComponent(options.organizerUserId)}/onlineMeetings`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${await accessToken()}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({
              startDateTime: new Date().toISOString(),
              endDateTime: meeting.expiresAt,
              subject: options.subject ?? 'Patient call',
              externalId: meeting.conversationId,
            }),
          },
        );
      let response = await send();
      if (response.status === 401) {
        // The cached token was revoked or expired early: one fresh token, one more try.
        token = null;
        response = await send();
      }
      const body = (await response.json().catch(() => null)) as {
        id?: string;
        joinWebUrl?: string;
      } | null;
      if (!response.ok) throw unavailable(`meeting refused (${response.status})`);
      const link = body?.joinWebUrl;
      if (typeof link !== 'string' || !link.startsWith('https://'))
        throw unavailable('no https joinWebUrl in the answer');
      return {
        callId: createId(),
        provider: 'teams',
        patientJoinUrl: link,
        agentJoinUrl: link,
        expiresAt: meeting.expiresAt,
      };
    },
  };
}
