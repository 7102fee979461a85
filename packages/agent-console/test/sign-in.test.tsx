// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentConsoleError } from '../src/errors';
import { pickLocale, translator } from '../src/i18n';
import { en } from '../src/i18n/en';
import { es } from '../src/i18n/es';
import { fr } from '../src/i18n/fr';
import { App } from '../src/ui/App';
import { fakeSession } from './support/fake-session';
import { act, cleanupRendered, renderInConsole, user } from './support/render';

afterEach(cleanupRendered);

const flush = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

describe('sign-in', () => {
  it('exchanges user name and password for a token, then shows the console', async () => {
    const { session } = fakeSession();
    const signIn = vi.fn(async () => 'the.staff.token');
    const connect = vi.fn(async () => session);
    renderInConsole(
      <App serverUrl="http://127.0.0.1:1" locale="en" signIn={signIn} connect={connect} />,
    );
    user.input(screen.getByLabelText('User name'), 'amelie');
    user.input(screen.getByLabelText('Password'), 'secret');
    user.click(screen.getByRole('button', { name: 'Sign in' }));
    await flush();
    expect(signIn).toHaveBeenCalledWith('http://127.0.0.1:1', 'amelie', 'secret');
    const options = (connect.mock.calls[0] as unknown as [{ getToken: () => string }])[0];
    expect(options.getToken()).toBe('the.staff.token');
    expect(screen.getByTitle('Signed in as Amelie Roux').textContent).toBe(
      'Signed in as Amelie Roux',
    );
    // Tokens stay in memory.
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  it('says when the password is wrong, and clears it', async () => {
    const signIn = vi.fn(async () => {
      throw new AgentConsoleError('sign_in_failed');
    });
    renderInConsole(<App serverUrl="http://127.0.0.1:1" locale="en" signIn={signIn} />);
    user.input(screen.getByLabelText('User name'), 'amelie');
    user.input(screen.getByLabelText('Password'), 'wrong');
    user.click(screen.getByRole('button', { name: 'Sign in' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toBe('Unknown user or wrong password.');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('connects straight away with the host token (no form)', async () => {
    const { session } = fakeSession();
    const connect = vi.fn(async () => session);
    renderInConsole(
      <App
        serverUrl="http://127.0.0.1:1"
        locale="fr"
        getToken={() => 'host.token.x'}
        connect={connect}
      />,
    );
    await flush();
    expect(screen.queryByLabelText('Nom d’utilisateur')).toBeNull();
    expect(screen.getByTitle('Connecté en tant que Amelie Roux').textContent).toBe(
      'Connecté en tant que Amelie Roux',
    );
    expect(screen.getByRole('heading', { name: /Patients en attente/ })).toBeTruthy();
  });
});

describe('i18n', () => {
  it('renders the sign-in form in Spanish (after finding no staff session to restore)', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    renderInConsole(<App serverUrl="http://127.0.0.1:1" locale="es" />, { locale: 'es' });
    expect(screen.getByRole('status').textContent).toBe('Recuperando su sesión…');
    expect(await screen.findByLabelText('Contraseña')).toBeTruthy();
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe(
      'http://127.0.0.1:1/api/session/token',
    );
    vi.unstubAllGlobals();
    expect(screen.getByRole('button', { name: 'Iniciar sesión' })).toBeTruthy();
  });

  it('picks the locale by primary subtag, English otherwise', () => {
    expect(pickLocale(['fr-CA'])).toBe('fr');
    expect(pickLocale([undefined, 'de-DE', 'es-MX'])).toBe('es');
    expect(pickLocale(['de'])).toBe('en');
  });

  it('has the same placeholders in every locale', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const catalogue of [fr, es]) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(placeholders(catalogue[key]), key).toEqual(placeholders(en[key]));
      }
    }
    expect(translator('fr')('newMessageFrom', { name: 'Alex' })).toBe('Nouveau message de Alex.');
  });
});
