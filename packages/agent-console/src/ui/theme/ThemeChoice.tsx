import { useRef, useState } from 'preact/hooks';
import { useConsole } from '../context';
import { applyTheme, type ConsoleTheme, readTheme, writeTheme } from './preference';

/** Light, dark or the system's choice; applied at once to the console and remembered. */
export function ThemeChoice() {
  const { t } = useConsole();
  const [theme, setTheme] = useState<ConsoleTheme>(readTheme);
  const ref = useRef<HTMLSelectElement>(null);
  return (
    <label class="theme-choice">
      {t('themeLabel')}
      <select
        ref={ref}
        value={theme}
        onChange={(event) => {
          const next = event.currentTarget.value as ConsoleTheme;
          setTheme(next);
          writeTheme(next);
          const root = ref.current?.closest<HTMLElement>('.baton-console');
          if (root) applyTheme(root, next);
        }}
      >
        <option value="system">{t('themeSystem')}</option>
        <option value="light">{t('themeLight')}</option>
        <option value="dark">{t('themeDark')}</option>
      </select>
    </label>
  );
}
