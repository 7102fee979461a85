import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import type { ChatSession } from '../types';
import { takeFirstTurn } from './first-turn';
import { type HandoffTokenOptions, handoffTokenSigner } from './handoff-token';
import type { PatientIdentity } from './identity';
import { PatientContactError, signedAttributes } from './patient-contact';
import { readBody } from './session-body';
import { SessionHandlerError } from './session-error';

export { type HandoffTokenOptions, handoffTokenSigner } from './handoff-token';
export type { PatientIdentity } from './identity';
export type { PatientContact, SignedPatientAttribute } from './patient-contact';
export { PatientContactError } from './patient-contact';
export { SessionHandlerError } from './session-error';

/**
 * `@baton/chat-widget/server`: the portal backend's session endpoint. It authenticates the
 * patient with the portal's own means, calls Direct Line with the secret (which never leaves
 * the server), and signs the short-lived patient JWT that Health Bot's `InitConversation`
 * receives. Node only.
 */
export interface SessionHandlerOptions {
  directLineSecret: string;
  /** Default `https://directline.botframework.com/v3/directline`. */
  directLineDomain?: string;
  /** Key for the patient JWT (HS256), e.g. the Health Bot "JWT secret". At least 32 bytes. */
  patientTokenSecret: string | Uint8Array;
  patientTokenTtlSeconds?: number;
  issuer?: string;
  audience?: string;
  /** The portal's authentication: who is asking? `null` answers 401. */
  authenticate(request: IncomingMessage): Promise<PatientIdentity | null> | PatientIdentity | null;
  /**
   * Also sign a patient token for the Baton handoff server (`handoffToken` in the session):
   * HS256 with the server's `BATON_PATIENT_JWT_SECRET`, claims `sub` (patient id), `name`,
   * `locale`, `attrs` (the `contact` and `attributes`), `iat`, `exp`, issuer `baton-portal` and audience `baton-handoff` by default
   * (the server's `BATON_PATIENT_JWT_ISSUER` / `_AUDIENCE`).
   */
  handoff?: HandoffTokenOptions;
  /**
   * Start the Direct Line conversation here (`POST /conversations` with the secret) and return
   * its `streamUrl`, so the browser connects straight to the stream instead of starting it
   * itself: one round trip less before the bot's first message. Default true; false issues a
   * token only (`POST /tokens/generate`) and leaves the start to the client.
   */
  startConversation?: boolean;
  /**
   * When the widget asks (`init` in its request) and the conversation was started here, post
   * Health Bot's `InitConversation` from here too and return the bot's first turn with the
   * session: the widget shows the greeting as soon as it runs. Default true.
   */
  firstTurn?: boolean;
  /** How long the first turn may take before the session is answered without it (ms, default 5000). */
  firstTurnTimeoutMs?: number;
  /** Called with failures (never with secrets or tokens) for the portal's logs. */
  onError?(error: SessionHandlerError): void;
  fetch?: typeof fetch;
}

type NodeHandler = (
  request: IncomingMessage & { body?: unknown },
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

const DEFAULT_DOMAIN = 'https://directline.botframework.com/v3/directline';

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

export function createSessionHandler(options: SessionHandlerOptions): NodeHandler {
  const key =
    typeof options.patientTokenSecret === 'string'
      ? new TextEncoder().encode(options.patientTokenSecret)
      : options.patientTokenSecret;
  if (key.length < 32) throw new TypeError('patientTokenSecret must be at least 32 bytes');
  if (!options.directLineSecret) throw new TypeError('directLineSecret is required');
  const domain = (options.directLineDomain ?? DEFAULT_DOMAIN).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const ttl = options.patientTokenTtlSeconds ?? 600;
  const signHandoffToken = options.handoff ? handoffTokenSigner(options.handoff) : null;

  const binding = (patientId: string, conversationId: string) =>
    createHmac('sha256', key)
      .update(`baton-resume\n${patientId}\n${conversationId}`)
      .digest('base64url');
  const sameBinding = (expected: string, given: string | undefined) => {
    if (!given) return false;
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const directLine = async (path: string, init: RequestInit) => {
    const response = await doFetch(`${domain}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${options.directLineSecret}`,
        'content-type': 'application/json',
      },
    });
    if (!response.ok)
      throw new SessionHandlerError(
        'directline_failed',
        `Direct Line answered ${response.status} on ${path.split('/')[1]}`,
      );
    return (await response.json()) as {
      conversationId?: string;
      token?: string;
      expires_in?: number;
      streamUrl?: string;
    };
  };

  return async (request, response, next) => {
    try {
      if (request.method !== 'POST') {
        response.setHeader('allow', 'POST');
        send(response, 405, { error: 'method_not_allowed' });
        return;
      }
      const identity = await options.authenticate(request);
      if (!identity) {
        send(response, 401, { error: 'unauthenticated' });
        return;
      }
      // A malformed contact is refused before anything is asked of Direct Line.
      if (signHandoffToken) signedAttributes(identity);
      const body = await readBody(request);
      const locale = body.locale ?? identity.locale ?? 'en';
      // An opaque Direct Line user id: the bot never sees the portal's patient id.
      const userId = `dl_${createHash('sha256').update(`baton-user\n${identity.patientId}`).digest('hex').slice(0, 32)}`;
      // Direct Line and the patient JWT's signature at the same time (neither needs the other).
      let pending: Promise<{
        conversationId?: string;
        token?: string;
        expires_in?: number;
        streamUrl?: string;
      }>;
      if (body.resume) {
        const { conversationId, resumeBinding } = body.resume;
        if (!sameBinding(binding(identity.patientId, conversationId), resumeBinding)) {
          throw new SessionHandlerError('forbidden', 'resume binding does not match this patient');
        }
        pending = directLine(`/conversations/${encodeURIComponent(conversationId)}`, {
          method: 'GET',
        }).then((found) => ({ ...found, conversationId: found.conversationId ?? conversationId }));
      } else {
        const start = options.startConversation === false ? '/tokens/generate' : '/conversations';
        pending = directLine(start, {
          method: 'POST',
          body: JSON.stringify({ user: { id: userId, name: identity.displayName } }),
        });
      }
      let jwt = new SignJWT({
        userId,
        userName: identity.displayName,
        locale,
        ...(identity.context ? { ctx: identity.context } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(identity.patientId)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`);
      if (options.issuer) jwt = jwt.setIssuer(options.issuer);
      if (options.audience) jwt = jwt.setAudience(options.audience);
      const [conversation, patientToken] = await Promise.all([pending, jwt.sign(key)]);
      if (!conversation.token)
        throw new SessionHandlerError('directline_failed', 'Direct Line returned no token');
      const started = !body.resume && conversation.streamUrl && conversation.conversationId;
      // The handoff token is signed while the bot takes its first turn.
      const handoffToken = signHandoffToken?.(identity, locale);
      handoffToken?.catch(() => {}); // awaited below: its failure is reported there
      const firstTurn =
        started && body.init && options.firstTurn !== false
          ? await takeFirstTurn({
              fetch: doFetch,
              domain,
              conversationId: conversation.conversationId as string,
              token: conversation.token,
              userId,
              locale,
              patientToken,
              request: body.init,
              timeoutMs: options.firstTurnTimeoutMs ?? 5000,
            })
          : null;
      const session: ChatSession = {
        directLine: {
          token: conversation.token,
          domain,
          ...(conversation.conversationId ? { conversationId: conversation.conversationId } : {}),
          ...(conversation.streamUrl ? { streamUrl: conversation.streamUrl } : {}),
          ...(conversation.expires_in ? { expiresIn: conversation.expires_in } : {}),
        },
        userId,
        patientToken,
        ...(firstTurn ? { firstTurn } : {}),
        ...(handoffToken ? { handoffToken: await handoffToken } : {}),
        ...(conversation.conversationId
          ? { resumeBinding: binding(identity.patientId, conversation.conversationId) }
          : {}),
      };
      send(response, 200, session);
    } catch (cause) {
      const error =
        cause instanceof SessionHandlerError
          ? cause
          : cause instanceof PatientContactError
            ? new SessionHandlerError('bad_request', cause.message, { cause })
            : new SessionHandlerError('directline_failed', 'session failed', { cause });
      options.onError?.(error);
      const status = error.code === 'bad_request' ? 400 : error.code === 'forbidden' ? 403 : 502;
      if (next && error.code === 'directline_failed' && !(cause instanceof SessionHandlerError))
        next(error);
      else send(response, status, { error: error.code });
    }
  };
}
