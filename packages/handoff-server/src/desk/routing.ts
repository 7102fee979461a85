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
}

function primary(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/**
 * Picks a queue from the request's routing hints (department, skills, language; the
 * patient's locale when no language is given). Without rules, the department names the
 * queue.
 */
export function routeHandoff(
  request: Pick<HandoffRequest, 'routing' | 'patient'>,
  config: RoutingConfig = {},
): string {
  const fallback = config.defaultQueue ?? 'general';
  const routing = request.routing ?? {};
  const rules = config.queues ?? [];
  if (rules.length === 0) return routing.department ?? fallback;
  const language = primary(routing.language ?? request.patient.locale);
  const wanted = routing.skills ?? [];
  for (const rule of rules) {
    if (rule.department !== undefined && rule.department !== routing.department) continue;
    if (rule.languages && !rule.languages.map(primary).includes(language)) continue;
    if (!wanted.every((skill) => rule.skills?.includes(skill))) continue;
    return rule.queue;
  }
  return fallback;
}
