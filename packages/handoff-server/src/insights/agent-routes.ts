import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditRole } from '../auth/principal';
import type { TokenVerifiers } from '../gateway/transcript-export';
import { HttpInputError, pathSegment, readJson } from '../ops/http';
import type { ConversationStore } from '../storage/contract';
import { gateStaff } from './staff-request';

export interface AgentRoutesOptions {
  store: ConversationStore;
  verifiers: TokenVerifiers;
}

const CAPACITY_PATH = /^\/api\/admin\/agents\/([\x21-\x7e]{1,128})\/capacity$/;

/**
 * `GET /api/admin/agents`: every agent the desk knows (queues as her identity provider states
 * them, capacity, presence, active chats, whether she is disabled); `PUT
 * /api/admin/agents/{id}/capacity` `{ capacity }` (1–20): how many chats she may hold,
 * kept across her sign-ins. Administrators only; audited (`config.read`, `config.update`).
 */
export function createAgentRoutes(options: AgentRoutesOptions) {
  const { store } = options;
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const capacity = CAPACITY_PATH.exec(path);
    if (path !== '/api/admin/agents' && !capacity) return false;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(body));
      return true;
    };
    const method = capacity ? 'PUT' : 'GET';
    if (req.method !== method)
      return reply(405, { error: { code: 'invalid_message', message: `${method} only` } });
    const action = capacity ? 'config.update' : 'config.read';
    const gate = await gateStaff(req, options, ['admin'], action);
    if (!gate.ok) return reply(gate.status, gate.body);
    const actor = { actorId: gate.staff.staffId, actorRole: auditRole(gate.staff) };
    if (!capacity) {
      const agents = await store.listAgents();
      const rows = await Promise.all(
        agents.map(async (a) => ({
          ...a,
          disabled: (await store.getDisabledStaff(a.id)) !== null,
        })),
      );
      await store.appendAudit({ action, outcome: 'allowed', ...actor, targetId: 'agents' });
      return reply(200, { agents: rows });
    }
    const agentId = pathSegment(capacity[1]!);
    const body = (await readJson(req)) as { capacity?: unknown } | null;
    const value = body?.capacity;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 20)
      throw new HttpInputError(400, 'invalid_message', 'capacity is a whole number from 1 to 20');
    const agent = await store.getAgent(agentId);
    if (!agent) return reply(404, { error: { code: 'not_found', message: 'No such agent' } });
    const saved = await store.upsertAgent({
      id: agent.id,
      displayName: agent.displayName,
      queues: agent.queues,
      capacity: value,
    });
    await store.appendAudit({
      action,
      outcome: 'allowed',
      ...actor,
      targetId: agentId,
      reason: 'capacity',
    });
    return reply(200, saved);
  };
}
