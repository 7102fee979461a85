import { describe, expect, it } from 'vitest';
import { routingFormState, routingValue } from './routing-form';

describe('routing form', () => {
  it('round-trips the stored rules, in order, through the form', () => {
    const stored = {
      queues: [
        { queue: 'heart', department: 'cardiology', skills: ['ecg'], languages: ['fr', 'en'] },
        { queue: 'general' },
      ],
      defaultQueue: 'general',
      departmentQueues: ['billing', 'pharmacy'],
    };
    const form = routingFormState(stored);
    expect(form.rules.map((r) => [r.queue, r.skills, r.languages])).toEqual([
      ['heart', 'ecg', 'fr, en'],
      ['general', '', ''],
    ]);
    expect(form.departmentMode).toBe('listed');
    expect(routingValue(form)).toEqual(stored);
  });

  it('leaves out empty fields and rules without a queue; reads odd values as empty', () => {
    const form = routingFormState({ queues: [{ queue: 7 }], departmentQueues: 'any' });
    expect(form.departmentMode).toBe('any');
    form.rules.push({ key: -1, queue: ' lab ', department: ' ', skills: 'a, ,b', languages: '' });
    expect(routingValue(form)).toEqual({
      queues: [{ queue: 'lab', skills: ['a', 'b'] }],
      departmentQueues: 'any',
    });
    expect(routingValue(routingFormState(null))).toEqual({ queues: [], departmentQueues: [] });
  });
});
