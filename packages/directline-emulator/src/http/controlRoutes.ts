import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { authenticate } from '../auth/credentials.js';
import type { EmulatorContext } from '../context.js';
import { DirectLineEmulatorError } from '../errors.js';
import { readJson } from './body.js';
import { sendJson } from './respond.js';

const route = z.enum(['tokens', 'conversations', 'activities', 'upload', 'any']).optional();
const command = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('fail'),
    status: z.union([
      z.literal(401),
      z.literal(403),
      z.literal(404),
      z.literal(429),
      z.literal(500),
      z.literal(502),
    ]),
    count: z.number().int().min(1).max(1000).optional(),
    route,
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  }),
  z.object({
    action: z.literal('delay'),
    ms: z.number().int().min(0).max(120_000),
    count: z.number().int().min(1).max(1000).optional(),
    route,
  }),
  z.object({ action: z.literal('dropStreams'), conversationId: z.string().optional() }),
  z.object({ action: z.literal('clear') }),
]);

/**
 * POST /emulator/faults (secret only): fault injection for tests that drive the emulator from
 * another process, e.g. the bin. Same effects as the `faults` object of the API.
 */
export async function controlFaults(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const credential = await authenticate(req, ctx.secret, ctx.tokens);
  if (credential.kind !== 'secret') {
    throw new DirectLineEmulatorError('Forbidden', 'Fault control needs the secret.');
  }
  const parsed = command.safeParse(await readJson(req, 4096));
  if (!parsed.success) throw new DirectLineEmulatorError('BadArgument', 'Invalid fault command.');
  const cmd = parsed.data;
  switch (cmd.action) {
    case 'fail':
      ctx.faults.fail(cmd.status, {
        count: cmd.count,
        route: cmd.route,
        retryAfterSeconds: cmd.retryAfterSeconds,
      });
      return sendJson(res, 200, { ok: true });
    case 'delay':
      ctx.faults.delay(cmd.ms, { count: cmd.count, route: cmd.route });
      return sendJson(res, 200, { ok: true });
    case 'dropStreams':
      return sendJson(res, 200, { dropped: ctx.faults.dropStreams(cmd.conversationId) });
    case 'clear':
      ctx.faults.clear();
      return sendJson(res, 200, { ok: true });
  }
}
