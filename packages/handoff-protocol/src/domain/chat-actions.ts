import * as z from 'zod/mini';
import { AgentInfo, AgentPresence } from './agent';
import { Slot } from './appointment';
import { AttachmentPolicy } from './attachment';
import { QueueName } from './queue';

/** A disposition code closing a chat (`resolved`, `appointment_booked`...), with its label. */
export const DispositionCode = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a disposition code (a-z, 0-9, _ and -)'));

export const Disposition = z.object({
  code: DispositionCode,
  label: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type Disposition = z.infer<typeof Disposition>;

/** What the agent records when a chat ends: feeds the disposition analytics. */
export const WrapUp = z.object({
  disposition: DispositionCode,
  summary: z.string().check(z.maxLength(2000)),
});
export type WrapUp = z.infer<typeof WrapUp>;

/** An agent who could take or look at a conversation, with what she is doing now. */
export const StaffCandidate = z.object({
  agent: AgentInfo,
  presence: AgentPresence,
  queues: z.array(QueueName).check(z.maxLength(50)),
  /** Conversations she holds now. */
  load: z.int().check(z.gte(0)),
  /** The most she may hold at once. */
  capacity: z.int().check(z.gte(0)),
});
export type StaffCandidate = z.infer<typeof StaffCandidate>;

/**
 * What an agent may do in one conversation, from the server's configuration: each action
 * present is available; an absent one is not offered.
 */
export const ChatActionSet = z.object({
  /** Free slots from the scheduling provider, soonest first. */
  appointment: z.optional(z.object({ slots: z.array(Slot).check(z.maxLength(20)) })),
  survey: z.boolean(),
  /** Agents who can take it (her queues' members, not herself) and the queues. */
  transfer: z.object({
    agents: z.array(StaffCandidate).check(z.maxLength(200)),
    queues: z.array(QueueName).check(z.maxLength(50)),
  }),
  /** Agents she may consult privately about it. */
  consult: z.object({ agents: z.array(StaffCandidate).check(z.maxLength(200)) }),
  wrapUp: z.object({
    dispositions: z.array(Disposition).check(z.minLength(1), z.maxLength(50)),
    /** The saved wrap-up, if any (the agent may correct it). */
    saved: z.optional(WrapUp),
  }),
  /** Files may be shared, within these limits (absent: files are off on this server). */
  attachments: z.optional(AttachmentPolicy),
});
export type ChatActionSet = z.infer<typeof ChatActionSet>;
