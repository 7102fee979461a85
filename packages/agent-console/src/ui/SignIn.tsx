import { useState } from 'preact/hooks';
import { AgentConsoleError } from '../errors';
import { useConsole } from './context';

export interface SignInProps {
  onSignIn: (username: string, password: string) => Promise<void>;
  /** Why the form shows again (signed out after inactivity, or on another device). */
  notice?: string;
}

/** Development sign-in form: user name and password, exchanged for a staff token. */
export function SignIn({ onSignIn, notice }: SignInProps) {
  const { t } = useConsole();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(username, password);
    } catch (failure) {
      const code = AgentConsoleError.is(failure) ? failure.code : 'connection_failed';
      setError(
        code === 'sign_in_failed'
          ? t('signInFailed')
          : code === 'sign_in_unavailable'
            ? t('signInUnavailable')
            : t('signInError'),
      );
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form onSubmit={submit} aria-describedby="signin-hint" novalidate>
        <h1>{t('signInTitle')}</h1>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <p id="signin-hint" class="muted">
          {t('signInHint')}
        </p>
        <label for="signin-user">{t('username')}</label>
        <input
          id="signin-user"
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="signin-password">{t('password')}</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy || !username || !password}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
