import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DevSignIn } from '../auth/dev-signin';
import type { StaffSessions } from '../auth/staff-session';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { HandoffServerError } from '../internal/errors';
import { clientAddress, THROTTLED } from './http';

/** The cookie's name and scope: only `/api/session…` ever receives it. */
export const SESSION_COOKIE = 'baton_staff_session';
const COOKIE_PATH = '/api/session';

export interface SessionRoutesOptions {
  sessions: StaffSessions;
  verifiers: TokenVerifiers;
  devSignIn?: DevSignIn;
  /** Origins listed by the operator (never `*` for cookie endpoints). */
  allowedOrigins: readonly string[];
  /** Called after a sign-out: disconnect every socket of this person, on every node. */
  onSignedOut: (staffId: string) => void;
  readJson: (req: IncomingMessage) => Promise<unknown>;
}

type Reply = { status: number; body?: unknown; cookie?: string };

function isHttps(req: IncomingMessage): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return proto === 'https';
}

/**
 * CSRF: a cookie endpoint answers only a browser request whose `Origin` is this server's own
 * (the console it serves) or one the operator listed by name. No `Origin`, `null`, or any
 * other origin is refused (`*` does not count here).
 */
export function sameOriginRequest(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  const host = req.headers.host;
  const own = host ? `${isHttps(req) ? 'https' : 'http'}://${host}`.toLowerCase() : null;
  const normalised = origin.replace(/\/+$/, '').toLowerCase();
  if (normalised === own) return true;
  return allowed.some((a) => a !== '*' && a.replace(/\/+$/, '').toLowerCase() === normalised);
}

function cookieHeader(req: IncomingMessage, value: string, clear = false): string {
  return [
    `${SESSION_COOKIE}=${clear ? '' : value}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(isHttps(req) ? ['Secure'] : []),
    ...(clear ? ['Max-Age=0'] : []),
  ].join('; ');
}

export function readSessionCookie(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

const refused = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

/**
 * `/api/session…`: open a cookie session (dev sign-in or an identity provider's staff token),
 * exchange it for a socket token, report activity, sign out everywhere. Returns `null` for
 * paths it does not serve.
 */
export function createSessionRoutes(options: SessionRoutesOptions) {
  const { sessions } = options;
  const grant = async (req: IncomingMessage, secret: string): Promise<Reply> => {
    const granted = await sessions.exchange(secret);
    return { status: 200, body: granted, cookie: cookieHeader(req, secret) };
  };
  const handle = async (req: IncomingMessage, path: string): Promise<Reply | null> => {
    if (!path.startsWith(COOKIE_PATH) || req.method !== 'POST') return null;
    if (!sameOriginRequest(req, options.allowedOrigins))
      return refused(403, 'forbidden', 'Cross-origin request refused');
    const secret = readSessionCookie(req);
    switch (path) {
      case '/api/session/signin': {
        const devSignIn = options.devSignIn;
        if (!devSignIn?.enabled) return refused(404, 'not_found', 'Not found');
        const body = (await options.readJson(req).catch(() => null)) as {
          username?: unknown;
          password?: unknown;
        } | null;
        if (typeof body?.username !== 'string' || typeof body.password !== 'string')
          return refused(400, 'invalid_message', 'username and password required');
        const signedIn = await devSignIn
          .signIn(body.username, body.password, { address: clientAddress(req) })
          .catch((error: unknown) =>
            HandoffServerError.is(error, 'signin_throttled') ? 429 : null,
          );
        if (signedIn === 429) return THROTTLED;
        if (!signedIn) return refused(401, 'unauthorized', 'Unknown user or wrong password');
        return grant(req, await sessions.open(signedIn.principal));
      }
      case '/api/session': {
        // A deployment's identity provider signed the console in: its staff token, once,
        // becomes a cookie session (the token itself is never stored by the browser).
        const auth = req.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice(7) : '';
        const staff = token ? await options.verifiers.verifyStaff(token).catch(() => null) : null;
        if (!staff) return refused(401, 'unauthorized', 'A valid staff token is required');
        return grant(req, await sessions.open(staff));
      }
      case '/api/session/token':
        // No cookie at all: nothing to restore (the sign-in form shows), not an error.
        if (!secret) return { status: 204 };
        return grant(req, secret);
      case '/api/session/activity': {
        if (!secret) return refused(401, 'unauthorized', 'Not signed in');
        return { status: 200, body: { logoffAt: await sessions.activity(secret) } };
      }
      case '/api/session/signout': {
        const staffId = secret ? await sessions.signOut(secret) : null;
        if (staffId) options.onSignedOut(staffId);
        return { status: 200, body: { signedOut: true }, cookie: cookieHeader(req, '', true) };
      }
      default:
        return refused(404, 'not_found', 'Not found');
    }
  };
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    let reply: Reply | null;
    try {
      reply = await handle(req, path);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'session_ended') throw error;
      reply = refused(401, 'unauthorized', 'Signed out');
      reply.cookie = cookieHeader(req, '', true);
    }
    if (!reply) return false;
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(reply.cookie ? { 'set-cookie': reply.cookie } : {}),
    });
    res.end(reply.status === 204 ? undefined : JSON.stringify(reply.body ?? {}));
    return true;
  };
}
