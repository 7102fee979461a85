import * as z from 'zod/mini';

export const QueueName = z.string().check(z.minLength(1), z.maxLength(64));

/** What a waiting patient is told about their place in line. */
export const QueueStatus = z.object({
  queue: QueueName,
  /** 1 = next to be served. */
  position: z.int().check(z.gte(1)),
  /** `null` when the server cannot estimate (no history, no agent online). */
  estimatedWaitSeconds: z.nullable(z.int().check(z.gte(0))),
});
export type QueueStatus = z.infer<typeof QueueStatus>;
