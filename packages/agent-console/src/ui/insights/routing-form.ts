/** One queue rule as the form edits it (lists as comma-separated text). */
export interface RuleRow {
  key: number;
  queue: string;
  department: string;
  skills: string;
  languages: string;
}

export type DepartmentQueues = 'none' | 'any' | 'listed';

export interface RoutingFormState {
  rules: RuleRow[];
  defaultQueue: string;
  departmentMode: DepartmentQueues;
  departments: string;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

let nextKey = 1;
export const emptyRule = (): RuleRow => ({
  key: nextKey++,
  queue: '',
  department: '',
  skills: '',
  languages: '',
});

interface StoredRule {
  queue?: unknown;
  department?: unknown;
  skills?: unknown;
  languages?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const joined = (v: unknown) =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : '';

/** The form's state from the stored routing value (the `BATON_ROUTING` shape). */
export function routingFormState(value: unknown): RoutingFormState {
  const routing = (value && typeof value === 'object' ? value : {}) as {
    queues?: unknown;
    defaultQueue?: unknown;
    departmentQueues?: unknown;
  };
  const queues = Array.isArray(routing.queues) ? (routing.queues as StoredRule[]) : [];
  const dq = routing.departmentQueues;
  return {
    rules: queues.map((r) => ({
      key: nextKey++,
      queue: text(r.queue),
      department: text(r.department),
      skills: joined(r.skills),
      languages: joined(r.languages),
    })),
    defaultQueue: text(routing.defaultQueue),
    departmentMode: dq === 'any' ? 'any' : Array.isArray(dq) && dq.length > 0 ? 'listed' : 'none',
    departments: joined(dq),
  };
}

/** The routing value the server checks, from the form (empty fields left out). */
export function routingValue(form: RoutingFormState): Record<string, unknown> {
  const queues = form.rules
    .filter((r) => r.queue.trim() !== '')
    .map((r) => ({
      queue: r.queue.trim(),
      ...(r.department.trim() ? { department: r.department.trim() } : {}),
      ...(list(r.skills).length ? { skills: list(r.skills) } : {}),
      ...(list(r.languages).length ? { languages: list(r.languages) } : {}),
    }));
  return {
    queues,
    ...(form.defaultQueue.trim() ? { defaultQueue: form.defaultQueue.trim() } : {}),
    departmentQueues:
      form.departmentMode === 'any'
        ? 'any'
        : form.departmentMode === 'listed'
          ? list(form.departments)
          : [],
  };
}
