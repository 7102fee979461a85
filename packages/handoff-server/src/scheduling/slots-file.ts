import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { FhirId } from '@baton/handoff-protocol';
import * as z from 'zod/mini';
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from '../storage/contract';
import type { NewAppointmentSlot } from '../storage/records';

const Instant = z.iso.datetime({ offset: true });

/** One bookable time in the seed file or the admin API. */
export const SlotSeed = z
  .object({
    id: z.optional(FhirId),
    start: Instant,
    end: Instant,
    /** Who or where (shown to the patient), e.g. `Dr. Rivera — Main St clinic`. */
    label: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    /** The queue/service it serves; absent: every service. */
    service: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  })
  .check(
    z.refine((s) => Date.parse(s.start) < Date.parse(s.end), {
      message: 'start must be before end',
      path: ['end'],
    }),
  );
export type SlotSeed = z.infer<typeof SlotSeed>;
export const SlotSeeds = z.array(SlotSeed).check(z.maxLength(10_000));

/** The stored form; a slot without an id gets one derived from its time, label and service. */
export function toNewSlot(seed: SlotSeed): NewAppointmentSlot {
  const startsAt = new Date(seed.start).toISOString();
  const id =
    seed.id ??
    `s-${createHash('sha256')
      .update(`${startsAt}|${seed.label ?? ''}|${seed.service ?? ''}`)
      .digest('hex')
      .slice(0, 24)}`;
  return {
    id,
    startsAt,
    endsAt: new Date(seed.end).toISOString(),
    label: seed.label ?? null,
    ...(seed.service ? { service: seed.service } : {}),
  };
}

/** Adds slots whose id is new (a slot already stored is kept as is). Returns how many were added. */
export async function addNewSlots(
  store: ConversationStore,
  seeds: readonly SlotSeed[],
): Promise<number> {
  let added = 0;
  for (const slot of seeds.map(toNewSlot)) {
    if (await store.getSlot(slot.id)) continue;
    try {
      await store.addSlots([slot]);
      added += 1;
    } catch (error) {
      if (!HandoffServerError.is(error, 'conflict')) throw error;
    }
  }
  return added;
}

/**
 * `BATON_SLOTS_FILE`: a JSON list of `{ id?, start, end, label?, service? }`, loaded at every
 * start (slots already stored are left alone, so restarts and several nodes are safe).
 */
export async function loadSlotsFile(store: ConversationStore, file: string): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new HandoffServerError('invalid_config', 'BATON_SLOTS_FILE is not readable JSON', {
      cause,
    });
  }
  const parsed = SlotSeeds.safeParse(
    Array.isArray(raw) ? raw : (raw as { slots?: unknown })?.slots,
  );
  if (!parsed.success)
    throw new HandoffServerError('invalid_config', 'BATON_SLOTS_FILE is not a list of slots', {
      cause: parsed.error,
    });
  return addNewSlots(store, parsed.data);
}
