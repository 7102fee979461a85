import * as z from 'zod/mini';
import { Id } from '../domain/primitives';
import { QueueName } from '../domain/queue';
import { sessionMessage } from './envelope';

/** A staff role the server assigns: agent, supervisor, administrator. */
export const StaffRoleName = z.enum(['agent', 'supervisor', 'admin']);
export type StaffRoleName = z.infer<typeof StaffRoleName>;

/**
 * Sent first on every staff connection: who the server takes her to be now. Roles and queues
 * are the server's assignment (an administrator's override, else what her identity provider
 * signed into her token), so a console that holds a raw identity-provider token shows the
 * views the server enforces, not the token's claims. `source` says where they come from.
 */
export const StaffProfileMessage = sessionMessage('staff.profile', {
  staffId: Id,
  displayName: z.string().check(z.minLength(1), z.maxLength(200)),
  roles: z.array(StaffRoleName).check(z.maxLength(3)),
  queues: z.array(QueueName).check(z.maxLength(100)),
  /** May see patient attributes marked clinical. */
  clinical: z.boolean(),
  source: z.enum(['token', 'override']),
});
export type StaffProfileMessage = z.infer<typeof StaffProfileMessage>;
