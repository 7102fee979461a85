// @vitest-environment happy-dom
import { screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleLogoff } from '../src/ui/IdleLogoff';
import { act, cleanupRendered, renderInConsole, user } from './support/render';

afterEach(() => {
  cleanupRendered();
  vi.useRealTimers();
});

const iso = (ms: number) => new Date(ms).toISOString();

describe('automatic logoff in the console', () => {
  it('warns a minute before, keeps the session on "Stay signed in", logs off when ignored', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const start = Date.parse('2026-12-06T10:00:00.000Z');
    vi.setSystemTime(start);
    let serverAt = start + 600_000;
    const reportActivity = vi.fn(async () => {
      serverAt = Date.now() + 600_000;
      return iso(serverAt);
    });
    const check = vi.fn(async () => (Date.now() >= serverAt ? null : iso(serverAt)));
    const onLoggedOff = vi.fn();
    renderInConsole(
      <IdleLogoff
        logoffAt={iso(serverAt)}
        idleLogoffSeconds={600}
        reportActivity={reportActivity}
        check={check}
        onLoggedOff={onLoggedOff}
      />,
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(541_000);
    });
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('For privacy you will be signed out at');
    const stay = screen.getByRole('button', { name: 'Stay signed in' });
    expect(document.activeElement).toBe(stay);
    user.click(stay);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(reportActivity).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(601_000);
    });
    expect(onLoggedOff).toHaveBeenCalled();
  });

  it('activity in another tab of the same session moves the logoff instead of warning', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const start = Date.parse('2026-12-06T10:00:00.000Z');
    vi.setSystemTime(start);
    const check = vi.fn(async () => iso(Date.now() + 600_000));
    const onLoggedOff = vi.fn();
    renderInConsole(
      <IdleLogoff
        logoffAt={iso(start + 600_000)}
        idleLogoffSeconds={600}
        reportActivity={async () => iso(Date.now() + 600_000)}
        check={check}
        onLoggedOff={onLoggedOff}
      />,
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(545_000);
    });
    expect(check).toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(onLoggedOff).not.toHaveBeenCalled();
  });
});
