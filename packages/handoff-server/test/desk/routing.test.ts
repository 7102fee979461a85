import { describe, expect, it } from 'vitest';
import { routeHandoff } from '../../src/desk/routing';
import { DeskHistory } from '../../src/desk/wait-history';

const patient = (locale: string) => ({ patientId: 'p', displayName: 'P', locale });

describe('routeHandoff', () => {
  const queues = [
    { queue: 'cardio-fr', department: 'cardiology', languages: ['fr'] },
    { queue: 'cardiology', department: 'cardiology' },
    { queue: 'cardio-insurance', department: 'cardiology', skills: ['insurance', 'billing'] },
    { queue: 'spanish', languages: ['es'] },
  ];

  it('matches department, language (primary subtag, else the patient locale) and skills in rule order', () => {
    expect(
      routeHandoff(
        { patient: patient('fr-CA'), routing: { department: 'cardiology' } },
        { queues },
      ),
    ).toBe('cardio-fr');
    expect(
      routeHandoff(
        { patient: patient('en'), routing: { department: 'cardiology', language: 'fr' } },
        { queues },
      ),
    ).toBe('cardio-fr');
    expect(
      routeHandoff(
        { patient: patient('en'), routing: { department: 'cardiology', skills: ['billing'] } },
        { queues },
      ),
    ).toBe('cardio-insurance');
    expect(
      routeHandoff(
        { patient: patient('en'), routing: { department: 'cardiology', skills: ['surgery'] } },
        { queues, defaultQueue: 'triage' },
      ),
    ).toBe('triage');
    expect(
      routeHandoff({ patient: patient('en'), routing: { department: 'cardiology' } }, { queues }),
    ).toBe('cardiology');
    expect(routeHandoff({ patient: patient('es-419') }, { queues })).toBe('spanish');
    expect(routeHandoff({ patient: patient('de') }, { queues })).toBe('general');
  });

  it('routes by the language the patient chats in (picked in the widget) over her portal’s', () => {
    const spanishChat = { patient: patient('en'), statedByPatient: { locale: 'es' } };
    expect(routeHandoff(spanishChat, { queues })).toBe('spanish');
    // A language the host sent as a routing hint still comes first.
    expect(
      routeHandoff(
        { ...spanishChat, routing: { department: 'cardiology', language: 'fr' } },
        {
          queues,
        },
      ),
    ).toBe('cardio-fr');
  });

  it('uses the department as the queue when no rules are configured', () => {
    expect(routeHandoff({ patient: patient('en'), routing: { department: 'oncology' } })).toBe(
      'oncology',
    );
    expect(routeHandoff({ patient: patient('en') })).toBe('general');
  });
});

describe('DeskHistory', () => {
  it('estimates from the moving average of recent waits, per queue and agents online', () => {
    const history = new DeskHistory(3);
    expect(history.estimate('q', 1, 2)).toBeNull();
    for (const [id, wait] of [
      ['a', 10],
      ['b', 20],
      ['c', 30],
      ['d', 60],
    ] as const) {
      history.enqueued(id, 0);
      history.assigned(id, 'q', 'agent-1', wait * 1000);
    }
    expect(history.averageWait('q')).toBeCloseTo((20 + 30 + 60) / 3);
    expect(history.estimate('q', 3, 2)).toBe(Math.round(((110 / 3) * 3) / 2));
    expect(history.estimate('q', 1, 0)).toBeNull();
    expect(history.estimate('other', 1, 1)).toBeNull();
    history.released('d', 120_000);
    expect(history.averageHandle('agent-1')).toBe(60);
  });
});
