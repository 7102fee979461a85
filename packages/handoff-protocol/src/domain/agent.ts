import * as z from 'zod/mini';
import { Id } from './primitives';

/**
 * Who an agent is, as a patient may see it. Display data only: no e-mail, no phone,
 * nothing about the patient.
 */
export const AgentInfo = z.object({
  id: Id,
  displayName: z.string().check(z.minLength(1), z.maxLength(100)),
  /** Up to three letters shown in an avatar bubble, e.g. `AM`. */
  initials: z.optional(z.string().check(z.minLength(1), z.maxLength(3))),
  /** Role shown under the name, e.g. `Nurse`, `Patient services`. */
  title: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type AgentInfo = z.infer<typeof AgentInfo>;

export const AgentPresence = z.enum(['available', 'busy', 'away', 'offline']);
export type AgentPresence = z.infer<typeof AgentPresence>;
