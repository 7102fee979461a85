import type { IncomingMessage } from 'node:http';
import { BatonProtocolError } from '@baton/handoff-protocol';
import type { ConversationEngine } from '../engine/engine';
import { bearerToken, type HttpReply, type TokenVerifiers } from '../gateway/transcript-export';
import { HandoffServerError } from '../internal/errors';
import { pathSegment, readJson } from '../ops/http';

const CALL_PATH = /^\/api\/conversations\/([\x21-\x7e]{1,128})\/call$/;
const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

const problem = (status: number, code: string, message: string): HttpReply => ({
  status,
  body: { error: { code, message } },
});

const STATUS: Record<string, number> = {
  forbidden: 403,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  invalid_message: 400,
  unavailable: 503,
};

/**
 * `GET /api/calls` (any staff token): `{ provider }`, the configured call provider's name or
 * null. `POST /api/conversations/{id}/call` `{ clientMessageId }` (the agent holding it):
 * the server makes a meeting with the provider, sends the patient `call.offer` with her link
 * and answers `{ call, agentJoinUrl, seq }`. Refusals are the engine's (policy, audited).
 */
export function createCallRoutes(engine: ConversationEngine, verifiers: TokenVerifiers) {
  return async (req: IncomingMessage, path: string): Promise<HttpReply | null> => {
    const match = CALL_PATH.exec(path);
    if (path !== '/api/calls' && !match) return null;
    const token = bearerToken(req);
    const staff = token ? await verifiers.verifyStaff(token).catch(() => null) : null;
    if (!staff) return problem(401, 'unauthorized', 'A staff token is required');
    if (!match) {
      if (req.method !== 'GET') return problem(405, 'invalid_message', 'GET only');
      return { status: 200, body: { provider: engine.followups.calls.providerName } };
    }
    if (req.method !== 'POST') return problem(405, 'invalid_message', 'POST only');
    const body = (await readJson(req)) as { clientMessageId?: unknown } | null;
    const clientMessageId = body?.clientMessageId;
    if (typeof clientMessageId !== 'string' || !CLIENT_ID.test(clientMessageId))
      return problem(400, 'invalid_message', 'clientMessageId required');
    try {
      const started = await engine.followups.calls.start(
        staff,
        pathSegment(match[1]!),
        clientMessageId,
      );
      return {
        status: 200,
        body: { call: started.call, agentJoinUrl: started.agentJoinUrl, seq: started.ack.seq },
      };
    } catch (error) {
      if (BatonProtocolError.is(error))
        return problem(STATUS[error.code] ?? 400, error.code, error.message);
      if (HandoffServerError.is(error, 'call_provider_unavailable'))
        return problem(503, 'unavailable', error.message);
      throw error;
    }
  };
}
