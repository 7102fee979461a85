// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deliveries } from '../src/ui/Deliveries';
import { cleanupRendered, renderInConsole } from './support/render';

afterEach(() => {
  cleanupRendered();
  vi.unstubAllGlobals();
});

describe('reminders not delivered (admin screen)', () => {
  it.each([
    ['en', 'Loading the reminders…'],
    ['fr', 'Chargement des rappels…'],
    ['es', 'Cargando los recordatorios…'],
  ] as const)('%s: while the list loads it says reminders, not follow-ups', (locale, loading) => {
    vi.stubGlobal('fetch', () => new Promise(() => {})); // the list has not come back yet
    const session = { serverUrl: 'http://baton.test', token: 'staff-token' };
    renderInConsole(<Deliveries session={session} />, { locale });
    expect(screen.getByText(loading)).toBeTruthy();
  });
});
