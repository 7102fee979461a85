import {
  type ContentVariable,
  fillContentVariables,
  type HandoffRequest,
} from '@baton/handoff-protocol';

/**
 * The values content variables may take, from trusted context only: the verified patient
 * context (token or the server's provider; never `statedByPatient`), the signed-in profile,
 * the queue the server resolved. Anything missing stays visible as `{variable}`.
 */
export function trustedVariables(
  request: HandoffRequest | undefined,
  agentName: string,
  queue: string | null,
): Partial<Record<ContentVariable, string>> {
  const values: Partial<Record<ContentVariable, string>> = {};
  const name = request?.patient.displayName.trim();
  if (name) {
    values['patient.name'] = name;
    const first = name.split(/\s+/)[0];
    if (first) values['patient.firstName'] = first;
  }
  if (agentName.trim()) values['agent.name'] = agentName.trim();
  if (queue) values.queue = queue;
  return values;
}

export { fillContentVariables };
