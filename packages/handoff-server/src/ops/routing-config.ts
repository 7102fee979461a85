import * as z from 'zod';
import type { RoutingConfig } from '../desk/routing';
import { HandoffServerError } from '../internal/errors';
import { readText } from './business-hours-config';

const Label = z.string().min(1).max(64);

/** The shape of `BATON_ROUTING(_FILE)`: queue rules, the default queue, trusted departments. */
export const RoutingFileConfig = z
  .object({
    queues: z
      .array(
        z
          .object({
            queue: Label,
            department: Label.optional(),
            skills: z.array(Label).max(16).optional(),
            languages: z.array(z.string().min(2).max(35)).max(64).optional(),
          })
          .strict(),
      )
      .max(500)
      .optional(),
    defaultQueue: Label.optional(),
    departmentQueues: z.union([z.literal('any'), z.array(Label).max(500)]).optional(),
  })
  .strict();

/**
 * Routing rules from `BATON_ROUTING` (inline JSON) or `BATON_ROUTING_FILE` (wins). Without
 * either, the browser's department hint never names a queue: every handoff goes to
 * `defaultQueue` (`BATON_DEFAULT_QUEUE`). Errors name the variable, never a value.
 */
export async function loadRouting(
  inline: string | undefined,
  file: string | undefined,
  defaultQueue: string,
): Promise<RoutingConfig> {
  const name = file ? 'BATON_ROUTING_FILE' : 'BATON_ROUTING';
  const text = file ? await readText(file, name) : inline;
  if (text === undefined) return { defaultQueue, departmentQueues: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HandoffServerError('invalid_config', `${name} is not JSON`, { cause: error });
  }
  const parsed = RoutingFileConfig.safeParse(raw);
  if (!parsed.success)
    throw new HandoffServerError('invalid_config', `${name} is not valid routing rules`, {
      cause: parsed.error,
    });
  const { queues, departmentQueues } = parsed.data;
  return {
    defaultQueue: parsed.data.defaultQueue ?? defaultQueue,
    departmentQueues: departmentQueues ?? [],
    ...(queues ? { queues: queues.map(dropUndefined) } : {}),
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
