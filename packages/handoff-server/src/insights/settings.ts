import { EscalationSettings } from '@baton/handoff-protocol';
import type { BusinessHours, BusinessHoursByQueue } from '../desk/business-hours';
import { businessHoursProblems } from '../desk/business-hours';
import type { RoutingConfig } from '../desk/routing';
import { BusinessHoursConfig } from '../ops/business-hours-config';
import { RoutingFileConfig } from '../ops/routing-config';
import type { ConversationStore } from '../storage/contract';
import { checkEndSurvey } from './end-survey';

/** The stored settings an administrator edits; each is checked here before it is stored. */
export const SETTING_NAMES = [
  'business-hours',
  'retention',
  'escalation',
  'end-survey',
  'routing',
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

export const BUSINESS_HOURS_SETTING = 'business-hours' satisfies SettingName;
export const RETENTION_SETTING = 'retention' satisfies SettingName;
export const ESCALATION_SETTING = 'escalation' satisfies SettingName;
export const ROUTING_SETTING = 'routing' satisfies SettingName;

/** How long finished conversations are kept; null: kept until deleted by hand. */
export interface RetentionPolicy {
  finishedDays: number | null;
}

export type SettingCheck = { ok: true; value: unknown } | { ok: false; problem: string };

/** Checks an administrator's value for `name`: the same rules as the env/file seed. */
export function checkSetting(name: SettingName, value: unknown): SettingCheck {
  switch (name) {
    case 'business-hours': {
      const parsed = BusinessHoursConfig.safeParse(value);
      if (!parsed.success) return { ok: false, problem: 'not valid business hours' };
      for (const [queue, hours] of Object.entries(parsed.data)) {
        const problems = businessHoursProblems(hours as BusinessHours);
        if (problems.length > 0) return { ok: false, problem: `queue "${queue}": ${problems[0]}` };
      }
      return { ok: true, value: parsed.data };
    }
    case 'retention': {
      const days = (value as { finishedDays?: unknown } | null)?.finishedDays;
      if (days === null) return { ok: true, value: { finishedDays: null } };
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650)
        return {
          ok: false,
          problem: 'finishedDays is a whole number of days from 1 to 3650, or null',
        };
      return { ok: true, value: { finishedDays: days } };
    }
    case 'escalation': {
      const parsed = EscalationSettings.safeParse(value);
      return parsed.success
        ? { ok: true, value: parsed.data }
        : {
            ok: false,
            problem: `not valid escalation settings (${parsed.error.issues[0]?.path.join('.') ?? ''})`,
          };
    }
    case 'end-survey':
      return checkEndSurvey(value);
    case 'routing': {
      const parsed = RoutingFileConfig.safeParse(value);
      if (!parsed.success) return { ok: false, problem: 'not valid routing rules' };
      const { queues, defaultQueue, departmentQueues } = parsed.data;
      const routing: RoutingConfig = {
        ...(defaultQueue ? { defaultQueue } : {}),
        departmentQueues: departmentQueues ?? [],
        ...(queues
          ? {
              queues: queues.map((q) =>
                Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)),
              ) as unknown as RoutingConfig['queues'],
            }
          : {}),
      };
      return { ok: true, value: routing };
    }
    default: {
      const never: never = name;
      return never;
    }
  }
}

export const isSettingName = (name: string): name is SettingName =>
  (SETTING_NAMES as readonly string[]).includes(name);

/**
 * Business hours as every node sees them: the stored setting once an administrator saved one
 * (authoritative at runtime), else the env/file seed.
 */
export async function effectiveBusinessHours(
  store: Pick<ConversationStore, 'getSetting'>,
  seed: BusinessHoursByQueue,
): Promise<BusinessHoursByQueue> {
  const stored = await store.getSetting(BUSINESS_HOURS_SETTING);
  return stored ? (stored.value as BusinessHoursByQueue) : seed;
}

/** The retention policy every node applies: the stored setting, else the env seed. */
export async function effectiveRetention(
  store: Pick<ConversationStore, 'getSetting'>,
  seedDays: number | null,
): Promise<RetentionPolicy & { source: 'stored' | 'config' }> {
  const stored = await store.getSetting(RETENTION_SETTING);
  return stored
    ? { ...(stored.value as RetentionPolicy), source: 'stored' }
    : { finishedDays: seedDays, source: 'config' };
}

/** Routing rules every node applies: the stored setting, else the env/file seed. */
export async function effectiveRouting(
  store: Pick<ConversationStore, 'getSetting'>,
  seed: RoutingConfig,
): Promise<RoutingConfig> {
  const stored = await store.getSetting(ROUTING_SETTING);
  if (!stored) return seed;
  const routing = stored.value as RoutingConfig;
  // The configured default queue stays when the administrator names none.
  return { ...routing, defaultQueue: routing.defaultQueue ?? seed.defaultQueue ?? 'general' };
}
