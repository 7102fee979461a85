import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import {
  type BusinessHours,
  type BusinessHoursByQueue,
  businessHoursProblems,
} from '../desk/business-hours';
import { HandoffServerError } from '../internal/errors';

const Range = z.tuple([z.string(), z.string()]);
const Hours = z.object({
  /** Default: the organisation's zone (`BATON_TIME_ZONE`). */
  timeZone: z.string().min(1).optional(),
  weekly: z
    .object({
      mon: z.array(Range).optional(),
      tue: z.array(Range).optional(),
      wed: z.array(Range).optional(),
      thu: z.array(Range).optional(),
      fri: z.array(Range).optional(),
      sat: z.array(Range).optional(),
      sun: z.array(Range).optional(),
    })
    .strict(),
  closedDates: z.array(z.string()).max(1000).optional(),
  outOfHoursMessage: z.string().min(1).max(1000).optional(),
});

/** `{ "<queue>": BusinessHours }`: the shape of `BATON_BUSINESS_HOURS(_FILE)`. */
export const BusinessHoursConfig = z.record(z.string().min(1).max(64), Hours);

/**
 * Business hours per queue from `BATON_BUSINESS_HOURS` (inline JSON) or
 * `BATON_BUSINESS_HOURS_FILE` (a JSON file; wins when both are set). Errors name the
 * variable and the problem (a queue, a weekday, a time zone), never a secret.
 */
export async function loadBusinessHours(
  inline: string | undefined,
  file: string | undefined,
  /** The organisation's IANA zone: a queue's hours without `timeZone` are in it. */
  organisationTimeZone = 'UTC',
): Promise<BusinessHoursByQueue> {
  const name = file ? 'BATON_BUSINESS_HOURS_FILE' : 'BATON_BUSINESS_HOURS';
  const text = file ? await readText(file, name) : inline;
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HandoffServerError('invalid_config', `${name} is not JSON`, { cause: error });
  }
  const parsed = BusinessHoursConfig.safeParse(raw);
  if (!parsed.success)
    throw new HandoffServerError('invalid_config', `${name} is not valid business hours`, {
      cause: parsed.error,
    });
  const byQueue: Record<string, BusinessHours> = {};
  for (const [queue, given] of Object.entries(parsed.data)) {
    const hours = { ...given, timeZone: given.timeZone ?? organisationTimeZone } as BusinessHours;
    const problems = businessHoursProblems(hours);
    if (problems.length > 0)
      throw new HandoffServerError('invalid_config', `${name}: queue "${queue}": ${problems[0]}`);
    byQueue[queue] = hours;
  }
  return byQueue;
}

export async function readText(path: string, name: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new HandoffServerError('invalid_config', `${name} is not readable`, { cause: error });
  }
}
