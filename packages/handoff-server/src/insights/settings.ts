import type { BusinessHours, BusinessHoursByQueue } from '../desk/business-hours';
import { businessHoursProblems } from '../desk/business-hours';
import { BusinessHoursConfig } from '../ops/business-hours-config';
import type { ConversationStore } from '../storage/contract';

/** The stored settings an administrator edits; each is checked here before it is stored. */
export const SETTING_NAMES = ['business-hours'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

export const BUSINESS_HOURS_SETTING = 'business-hours' satisfies SettingName;

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
