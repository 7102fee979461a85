import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeHandoff } from '../../src/desk/routing';
import { loadRouting } from '../../src/ops/routing-config';

const patient = { patientId: 'p', displayName: 'P', locale: 'en' };
const asking = (department: string) => ({ patient, routing: { department } });

describe('routing rules from baton-server’s configuration', () => {
  it('without rules, the browser’s department never names the queue', async () => {
    const config = await loadRouting(undefined, undefined, 'general');
    expect(routeHandoff(asking('oncology'), config)).toBe('general');
    expect(routeHandoff(asking('cardiology'), config)).toBe('general');
  });

  it('follows the rules, and lets a department name its queue only when listed', async () => {
    const config = await loadRouting(
      JSON.stringify({
        queues: [{ queue: 'cardio-fr', department: 'cardiology', languages: ['fr'] }],
        defaultQueue: 'triage',
        departmentQueues: ['cardiology'],
      }),
      undefined,
      'general',
    );
    expect(
      routeHandoff({ ...asking('cardiology'), patient: { ...patient, locale: 'fr' } }, config),
    ).toBe('cardio-fr');
    expect(routeHandoff(asking('cardiology'), config)).toBe('cardiology');
    expect(routeHandoff(asking('vip-fast-lane'), config)).toBe('triage');
  });

  it('reads the file variable, which wins over the inline one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-routing-'));
    const file = join(dir, 'routing.json');
    await writeFile(file, JSON.stringify({ departmentQueues: 'any' }));
    const config = await loadRouting('{"departmentQueues":[]}', file, 'general');
    expect(routeHandoff(asking('oncology'), config)).toBe('oncology');
  });

  it('stops the start on bad rules, naming the variable and not the value', async () => {
    await expect(loadRouting('{"queues":[{"queue":""}]}', undefined, 'general')).rejects.toThrow(
      /^BATON_ROUTING is not valid routing rules$/,
    );
    await expect(loadRouting('not json', undefined, 'general')).rejects.toMatchObject({
      code: 'invalid_config',
      message: 'BATON_ROUTING is not JSON',
    });
  });
});
