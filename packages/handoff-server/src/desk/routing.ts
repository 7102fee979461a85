import type { HandoffRequest } from '@baton/handoff-protocol';

/** One queue and the handoffs it takes. Rules are tried in order; the first match wins. */
export interface QueueRule {
  queue: string;
  /** Matches `routing.department` exactly. Absent: any department. */
  department?: string;
  /** Skills the queue's agents cover; a handoff asking for skills matches only if all are here. */
  skills?: readonly string[];
  /** Primary language subtags (`fr` matches `fr-CA`). Absent: any language. */
  languages?: readonly string[];
}

export interface RoutingConfig {
  queues?: readonly QueueRule[];
  /** Where a handoff goes when no rule matches. Default `general`. */
  defaultQueue?: string;
  /**
   * Departments whose name the browser's `routing.department` hint may use as the queue when
   * no rule matches (`any`: every department). `baton-server` defaults to none: the browser
   * never chooses its queue unless a rule or this list allows it. Absent (library default,
   * kept for compatibility): `any` when there are no rules, none when there are.
   */
  departmentQueues?: 'any' | readonly string[];
}

function primary(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/**
 * Picks a queue on the server's rules, matched against the request's routing hints
 * (department, skills, language; when no language is given, the one the patient chats in,
 * picked in the widget, else her portal's locale). The department names the queue itself
 * only when `departmentQueues` allows it.
 */
export function routeHandoff(
  request: Pick<HandoffRequest, 'routing' | 'patient' | 'statedByPatient'>,
  config: RoutingConfig = {},
): string {
  const fallback = config.defaultQueue ?? 'general';
  const routing = request.routing ?? {};
  const rules = config.queues ?? [];
  const trusted = config.departmentQueues ?? (rules.length === 0 ? 'any' : []);
  const department = routing.department;
  const departmentQueue =
    department !== undefined && (trusted === 'any' || trusted.includes(department))
      ? department
      : undefined;
  if (rules.length === 0) return departmentQueue ?? fallback;
  const language = primary(
    routing.language ?? request.statedByPatient?.locale ?? request.patient.locale,
  );
  const wanted = routing.skills ?? [];
  for (const rule of rules) {
    if (rule.department !== undefined && rule.department !== routing.department) continue;
    if (rule.languages && !rule.languages.map(primary).includes(language)) continue;
    if (!wanted.every((skill) => rule.skills?.includes(skill))) continue;
    return rule.queue;
  }
  return departmentQueue ?? fallback;
}
