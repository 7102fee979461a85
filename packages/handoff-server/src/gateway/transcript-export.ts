import type { IncomingMessage } from 'node:http';
import type { PatientPrincipal, Principal, StaffPrincipal } from '../auth/principal';
import { clearanceOf, requestFor } from '../auth/staff-view';
import type { ConversationEngine } from '../engine/engine';
import { logEntry, readBody } from '../engine/log-record';

export interface HttpReply {
  status: number;
  body: unknown;
}

export interface TokenVerifiers {
  verifyPatient: (token: string) => Promise<PatientPrincipal>;
  verifyStaff: (token: string) => Promise<StaffPrincipal>;
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([\x21-\x7e]{1,8192})$/.exec(header);
  return match ? match[1]! : null;
}

/** Staff token first, then patient token; `null` when neither verifies. */
export async function principalFrom(
  req: IncomingMessage,
  verifiers: TokenVerifiers,
): Promise<Principal | null> {
  const token = bearerToken(req);
  if (!token) return null;
  try {
    return await verifiers.verifyStaff(token);
  } catch {
    try {
      return await verifiers.verifyPatient(token);
    } catch {
      return null;
    }
  }
}

const problem = (status: number, code: string, message: string): HttpReply => ({
  status,
  body: { error: { code, message } },
});

/**
 * `GET /api/conversations/:id/transcript`: the bot transcript and the live log. Agents and
 * supervisors per policy (audited as an export), a patient their own conversation only
 * (audited as a view; notes are never included for patients).
 */
export async function exportTranscript(
  req: IncomingMessage,
  conversationId: string,
  engine: ConversationEngine,
  verifiers: TokenVerifiers,
): Promise<HttpReply> {
  const principal = await principalFrom(req, verifiers);
  if (!principal) return problem(401, 'unauthorized', 'A valid bearer token is required');
  const { store } = engine;
  const conversation = await store.getConversation(conversationId);
  const guard = engine.guard;
  const action = principal.kind === 'patient' ? 'transcript.view' : 'transcript.export';
  if (!conversation) {
    await guard.missingConversation(principal, conversationId, action);
    return problem(403, 'forbidden', 'This conversation is not reachable with these credentials');
  }
  const decision = await guard.conversation(principal, conversation, action);
  if (!decision.allowed)
    return problem(403, 'forbidden', 'This conversation is not reachable with these credentials');
  const request = await engine.request(conversationId);
  const transcript = (await store.getTranscript(conversationId)) ?? { entries: [] };
  const log = await engine.log(conversationId);
  const visible =
    principal.kind === 'patient' ? log.filter((r) => readBody(r).kind !== 'note') : log;
  return {
    status: 200,
    body: {
      conversationId,
      state: conversation.state,
      exportedAt: new Date().toISOString(),
      ...(request ? { request: requestFor(clearanceOf(principal), request) } : {}),
      transcript,
      log: visible.map(logEntry),
    },
  };
}
