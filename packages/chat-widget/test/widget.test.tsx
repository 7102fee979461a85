// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PANEL_OPEN_KEY } from '../src/conversation/panel-open';
import { RESUME_STORAGE_KEY } from '../src/directline/resume-handle';
import { createChatWidget, defineBatonChatElement } from '../src/index';
import type { ChatSession, ChatWidgetHandle, ChatWidgetOptions } from '../src/types';
import { fakeDirectLineFactory } from './support/fake-direct-line';

const SESSION: ChatSession = {
  directLine: { token: 'dl-token', conversationId: 'conv-1' },
  userId: 'dl_me',
  patientToken: 'patient.jwt.token',
};

const handles: ChatWidgetHandle[] = [];

/** The control a visible or hidden <label> names (happy-dom's label lookup is unreliable in shadow roots). */
function field(root: ShadowRoot, text: string): HTMLElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.includes(text));
  const control = label?.htmlFor
    ? root.getElementById(label.htmlFor)
    : label?.querySelector('input,textarea,select');
  if (!control) throw new Error(`no field labelled ${text}`);
  return control as HTMLElement;
}
afterEach(() => {
  for (const handle of handles.splice(0)) handle.destroy();
  document.body.replaceChildren();
  sessionStorage.clear();
});

function setup(extra: Partial<ChatWidgetOptions> = {}) {
  sessionStorage.clear(); // each widget here is a new page, not a reload
  const directLine = fakeDirectLineFactory();
  let sessions = 0;
  const handle = createChatWidget({
    session: async () => {
      sessions += 1;
      return SESSION;
    },
    createDirectLine: directLine.create,
    ...extra,
  });
  handles.push(handle);
  const host = document.body.lastElementChild as HTMLElement;
  const shadow = host.shadowRoot as ShadowRoot;
  const ui = within(shadow as unknown as HTMLElement);
  const dl = () => {
    const instance = directLine.instances[0];
    if (!instance) throw new Error('no Direct Line client yet');
    return instance;
  };
  const send = async (text: string) => {
    const input = field(shadow, 'Your message') as HTMLTextAreaElement;
    fireEvent.input(input, { target: { value: text } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);
  };
  return { handle, host, shadow, ui, dl, send, sessions: () => sessions };
}

async function openChat(extra: Partial<ChatWidgetOptions> = {}) {
  const setupResult = setup(extra);
  await setupResult.handle.open();
  await waitFor(() =>
    expect(setupResult.dl().posted.some((a) => a.name === 'InitConversation')).toBe(true),
  );
  return setupResult;
}

describe('launcher and panel', () => {
  it('renders a launcher in a shadow root and loads nothing until opened', async () => {
    const { ui, sessions, shadow, host } = setup();
    expect(host.dataset.mode).toBe('floating');
    expect(ui.getByRole('button', { name: 'Chat with us' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    expect(shadow.querySelector('section')?.hidden).toBe(true);
    // Every task the page has pending (renders, effects, timers, requests) runs before this.
    await (
      window as unknown as { happyDOM: { waitUntilComplete(): Promise<void> } }
    ).happyDOM.waitUntilComplete();
    expect(sessions()).toBe(0);
  });

  it('opens on click, moves focus into the panel, sends InitConversation once', async () => {
    const { ui, shadow, dl, handle } = setup({
      triggeredScenario: { trigger: 'triage', args: { a: 1 } },
    });
    handle.setContext({ clinic: 'north' });
    ui.getByRole('button', { name: 'Chat with us' }).click();
    await waitFor(() => expect(shadow.activeElement?.tagName).toBe('TEXTAREA'));
    expect(ui.getByRole('dialog', { name: 'Patient assistant' })).toBeTruthy();
    // The launcher now says what a press does, and that the panel is open.
    const launcher = ui.getByRole('button', { name: 'Minimise chat' });
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(launcher.getAttribute('aria-controls')).toBe('baton-panel');
    await waitFor(() => expect(dl().posted).toHaveLength(1));
    expect(dl().posted[0]).toMatchObject({
      type: 'invoke',
      name: 'InitConversation',
      from: { id: 'dl_me' },
      value: {
        jsonWebToken: 'patient.jwt.token',
        triggeredScenario: { trigger: 'triage', args: { clinic: 'north', a: 1 } },
      },
    });
  });

  it('Escape closes the panel and gives focus back to the launcher', async () => {
    const { shadow, handle } = await openChat();
    const events: string[] = [];
    handle.on('closed', () => events.push('closed'));
    fireEvent.keyDown(field(shadow, 'Your message'), { key: 'Escape' });
    expect(shadow.querySelector('section')?.hidden).toBe(true);
    expect(shadow.activeElement?.className).toBe('launcher');
    expect(events).toEqual(['closed']);
  });

  it('applies theme options and colour scheme to the host', () => {
    const { host } = setup({
      theme: { primary: '#123456', colorScheme: 'dark' },
      position: 'start',
    });
    expect(host.style.getPropertyValue('--baton-primary')).toBe('#123456');
    expect(host.dataset.scheme).toBe('dark');
    expect(host.dataset.position).toBe('start');
  });
});

describe('connection state', () => {
  it('shows offline when the browser loses the network, and recovers', async () => {
    const { ui, handle, dl } = await openChat();
    const states: string[] = [];
    handle.on('connection', (e) => states.push(e.state));
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    await waitFor(() =>
      expect(ui.getByText('You are offline. Messages will not be sent.')).toBeTruthy(),
    );
    await waitFor(() =>
      expect(ui.getByRole('status').textContent).toBe(
        'You are offline. Messages will not be sent.',
      ),
    );
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    window.dispatchEvent(new Event('online'));
    await waitFor(() =>
      expect(ui.queryByText('You are offline. Messages will not be sent.')).toBeNull(),
    );
    dl().connectionStatus$.next(1); // the client reconnects on its own
    await waitFor(() => expect(ui.getByText('Connection lost. Reconnecting…')).toBeTruthy());
    dl().connectionStatus$.next(2);
    await waitFor(() => expect(ui.queryByText('Connection lost. Reconnecting…')).toBeNull());
    expect(states).toEqual(['offline', 'online', 'reconnecting', 'online']);
  });
});

describe('conversation rendering', () => {
  it('renders bot markdown, typing, timestamps, and keeps hostile content inert', async () => {
    const { ui, shadow, dl } = await openChat();
    dl().bot({ type: 'typing' });
    await waitFor(() => expect(ui.getByText('The assistant is typing…')).toBeTruthy());
    dl().bot({
      type: 'message',
      text: 'Take **two** tablets. See [leaflet](https://example.org/l).',
    });
    await waitFor(() => expect(ui.getByText('two').tagName).toBe('STRONG'));
    expect(ui.queryByText('The assistant is typing…')).toBeNull();
    expect(shadow.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-/);
    // The time itself follows after the paint that showed the message (the first date format
    // loads the locale's data; the greeting does not wait for it).
    await waitFor(() => expect(shadow.querySelector('time')?.textContent).toMatch(/\d:\d\d/));
    dl().bot({
      type: 'message',
      text: '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script> [x](javascript:window.pwned=1)',
      attachments: [{ contentType: 'image/png', contentUrl: 'javascript:alert(1)' }],
    });
    await waitFor(() => expect(shadow.querySelectorAll('.msg.bot')).toHaveLength(2));
    expect(shadow.querySelector('script')).toBeNull();
    expect(shadow.querySelector('.msg.bot:last-child img')).toBeNull();
    expect([...shadow.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://example.org/l',
    ]);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('de-duplicates activities by id', async () => {
    const { shadow, dl } = await openChat();
    const activity = { type: 'message', id: 'same', text: 'once', from: { id: 'bot' } };
    dl().activity$.next(activity);
    dl().activity$.next({ ...activity });
    await waitFor(() => expect(shadow.querySelectorAll('.msg.bot')).toHaveLength(1));
  });

  it('shows suggested actions for the latest bot message and sends imBack', async () => {
    const { ui, dl } = await openChat();
    dl().bot({
      type: 'message',
      text: 'Pick one',
      suggestedActions: {
        actions: [
          { type: 'imBack', title: 'Appointments', value: 'appointments' },
          { type: 'openUrl', title: 'Site', value: 'javascript:x' },
        ],
      },
    });
    const button = await waitFor(() => ui.getByRole('button', { name: 'Appointments' }));
    expect(ui.queryByText('Site')).toBeNull(); // unsafe openUrl dropped
    button.click();
    await waitFor(() =>
      expect(dl().posted.at(-1)).toMatchObject({ type: 'message', text: 'appointments' }),
    );
    await waitFor(() => expect(ui.queryByRole('button', { name: 'Appointments' })).toBeNull());
  });

  it('renders hero and thumbnail cards with safe images and buttons', async () => {
    const { ui, shadow, dl } = await openChat();
    dl().bot({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.hero',
          content: {
            title: 'Clinic',
            subtitle: 'Open 8–18',
            images: [{ url: 'https://cdn.example.org/c.png' }],
            buttons: [
              { type: 'postBack', title: 'Book', value: { book: true } },
              { type: 'openUrl', title: 'Map', value: 'https://maps.example.org' },
            ],
          },
        },
        {
          contentType: 'application/vnd.microsoft.card.thumbnail',
          content: { title: 'Thumb', images: [{ url: 'http://insecure.example.org/t.png' }] },
        },
        {
          contentType: 'application/pdf',
          contentUrl: 'https://files.example.org/r.pdf',
          name: 'results.pdf',
        },
      ],
    });
    await waitFor(() => expect(ui.getByText('Clinic')).toBeTruthy());
    expect(shadow.querySelectorAll('.card img')).toHaveLength(1);
    expect(ui.getByText('Map').closest('a')?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(ui.getByText('Download results.pdf').getAttribute('href')).toBe(
      'https://files.example.org/r.pdf',
    );
    ui.getByRole('button', { name: 'Book' }).click();
    await waitFor(() =>
      expect(dl().posted.at(-1)).toMatchObject({ type: 'message', value: { book: true } }),
    );
  });

  it('loads the Adaptive Card renderer lazily and submits inputs with the action data', async () => {
    const { ui, dl, shadow } = await openChat();
    dl().bot({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [
              { type: 'TextBlock', text: 'How long have you had a fever?', weight: 'bolder' },
              {
                type: 'Input.ChoiceSet',
                id: 'days',
                label: 'Days',
                choices: [
                  { title: 'One', value: '1' },
                  { title: 'Two or more', value: '2' },
                ],
                value: '1',
              },
              { type: 'Input.Text', id: 'note', label: 'Anything else?' },
              { type: 'Input.Toggle', id: 'travel', title: 'Recent travel' },
              { type: 'FactSet', facts: [{ title: 'Temp', value: '38.5' }] },
            ],
            actions: [
              { type: 'Action.Submit', title: 'Submit answers', data: { step: 'fever' } },
              { type: 'Action.OpenUrl', title: 'Bad', url: 'javascript:x' },
            ],
          },
        },
      ],
    });
    await waitFor(() => expect(ui.getByText('How long have you had a fever?')).toBeTruthy());
    expect(ui.queryByText('Bad')).toBeNull();
    fireEvent.input(field(shadow, 'Anything else?'), { target: { value: 'cough' } });
    ui.getByRole('button', { name: 'Submit answers' }).click();
    await waitFor(() =>
      expect(dl().posted.at(-1)).toMatchObject({
        type: 'message',
        value: { step: 'fever', days: '1', note: 'cough', travel: 'false' },
      }),
    );
  });

  it('shows sending, failed with retry, then sent', async () => {
    const { ui, dl, send } = await openChat();
    dl().failPosts = true;
    await send('hello');
    await waitFor(() => expect(ui.getByText('Not sent.')).toBeTruthy());
    dl().failPosts = false;
    ui.getByRole('button', { name: 'Retry' }).click();
    await waitFor(() => expect(ui.queryByText('Not sent.')).toBeNull());
    expect(ui.getByText('Sent')).toBeTruthy();
    expect(dl().posted.filter((a) => a.text === 'hello')).toHaveLength(2);
  });
});

describe('escalation', () => {
  it('asks before handing off when the patient asks for a person', async () => {
    const escalations: unknown[][] = [];
    const { ui, send, handle, dl } = await openChat({
      onEscalate: (...args) => escalations.push(args),
    });
    const escalated: string[] = [];
    handle.on('escalated', (e) => escalated.push(e.reason.kind));
    dl().bot({ type: 'message', text: 'Hello! How can I help?' });
    await send('I want to talk to a person');
    const yes = await waitFor(() => ui.getByRole('button', { name: 'Yes, connect me' }));
    expect(escalations).toHaveLength(0);
    yes.click();
    // the transcript normaliser is imported on first escalation (a lazy chunk)
    await waitFor(() => expect(escalations).toHaveLength(1), { timeout: 10_000 });
    const [reason, priority, transcript] = escalations[0] as [
      { kind: string },
      string,
      { entries: { from: string; text?: string }[] },
    ];
    expect(reason.kind).toBe('patient-requested');
    expect(priority).toBe('routine');
    expect(transcript.entries.map((e) => e.from)).toEqual(['bot', 'patient']);
    expect(escalated).toEqual(['patient-requested']);
    expect(ui.getByText('We are connecting you with a person.', { selector: 'p' })).toBeTruthy();
    expect(ui.getByRole('status').textContent).toBe('We are connecting you with a person.');
  });

  it('declining the confirmation does not escalate', async () => {
    const escalations: unknown[] = [];
    const { ui, send } = await openChat({ onEscalate: () => escalations.push(1) });
    await send('can I speak to a human');
    (await waitFor(() => ui.getByRole('button', { name: 'No, continue here' }))).click();
    // Drawn in the same task (state changes are drawn once per burst, before paint).
    await Promise.resolve();
    expect(ui.queryByRole('button', { name: 'Yes, connect me' })).toBeNull();
    expect(escalations).toHaveLength(0);
  });

  it('shows emergency guidance at once for red flags and escalates at emergency priority', async () => {
    const priorities: string[] = [];
    const { ui, send, handle } = await openChat({
      locale: 'en-GB',
      onEscalate: (_r, priority) => priorities.push(priority),
    });
    const hostEvents: unknown[] = [];
    handle.on('escalated', (e) => hostEvents.push(e));
    await send('I have crushing chest pain');
    const alert = await waitFor(() => ui.getByRole('alert'));
    expect(alert.textContent).toContain('Call 999 now');
    expect(alert.querySelector('a')?.getAttribute('href')).toBe('tel:999');
    await waitFor(() => expect(priorities).toEqual(['emergency']), { timeout: 10_000 });
    expect(hostEvents).toEqual([
      { reason: { kind: 'urgent', detail: 'red-flag' }, priority: 'emergency' },
    ]);
  });

  it('escalates on the host API with the given reason', async () => {
    const reasons: unknown[] = [];
    const { handle } = await openChat({
      onEscalate: (reason, priority) => reasons.push({ reason, priority }),
    });
    handle.escalate({ reason: 'portal button', priority: 'urgent' });
    await waitFor(
      () =>
        expect(reasons).toEqual([
          { reason: { kind: 'host', detail: 'portal button' }, priority: 'urgent' },
        ]),
      { timeout: 10_000 },
    );
  });

  it('reports handoff_unavailable when the session carries no handoff token', async () => {
    const { handle } = await openChat({ handoff: { serverUrl: 'https://handoff.example.org' } });
    const errors: string[] = [];
    handle.on('error', (e) => errors.push(e.code));
    handle.escalate({ reason: 'test' });
    await waitFor(() => expect(errors).toEqual(['handoff_unavailable']), { timeout: 10_000 });
  });
});

describe('events, language, location', () => {
  it('message events carry metadata, text only when allowed', async () => {
    const plain = await openChat();
    const seen: unknown[] = [];
    plain.handle.on('message', (m) => seen.push(m));
    plain.dl().bot({ type: 'message', text: 'secret diagnosis' });
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(JSON.stringify(seen)).not.toContain('secret diagnosis');
    expect(seen[0]).toMatchObject({ from: 'bot', type: 'message', hasText: true, attachments: 0 });

    const verbose = await openChat({ messageTextInEvents: true });
    const texts: unknown[] = [];
    verbose.handle.on('message', (m) => texts.push(m.text));
    verbose.dl().bot({ type: 'message', text: 'hi' });
    await waitFor(() => expect(texts).toEqual(['hi']));
  });

  it('speaks French and Spanish, follows <html lang>, and lays out right to left for Arabic', async () => {
    document.documentElement.lang = 'fr-CA';
    const fr = setup();
    expect(fr.ui.getByRole('button', { name: 'Discuter avec nous' })).toBeTruthy();
    document.documentElement.lang = '';
    const es = setup({ locale: 'es' });
    expect(es.ui.getByRole('button', { name: 'Chatee con nosotros' })).toBeTruthy();
    es.handle.setLocale('ar');
    await es.handle.open();
    const panel = es.shadow.querySelector('section') as HTMLElement;
    expect(panel.getAttribute('dir')).toBe('rtl');
    expect(panel.getAttribute('lang')).toBe('ar');
    expect(es.ui.getByRole('button', { name: 'Minimise chat' })).toBeTruthy(); // English strings
  });

  it('answers ShareLocationEvent "no" quietly when the host does not allow sharing', async () => {
    const denied = await openChat();
    denied.dl().bot({ type: 'event', name: 'shareLocationEvent' });
    await waitFor(() =>
      expect(denied.dl().posted.find((a) => a.type === 'message')).toMatchObject({ text: 'no' }),
    );
    expect(denied.dl().posted.filter((a) => a.type === 'event')).toHaveLength(0);
    expect(denied.ui.queryByRole('button', { name: 'Share my location' })).toBeNull();
    expect(denied.shadow.querySelectorAll('.msg.patient')).toHaveLength(0);
  });

  it('shows a button to share the location when the host allows it', async () => {
    const allowed = await openChat({
      shareLocation: async () => ({ latitude: 45.5, longitude: -73.6 }),
    });
    allowed.dl().bot({ type: 'event', name: 'shareLocationEvent' });
    const share = await waitFor(() =>
      allowed.ui.getByRole('button', { name: 'Share my location' }),
    );
    expect(allowed.dl().posted.filter((a) => a.type === 'event')).toHaveLength(0);
    share.click();
    await waitFor(() =>
      expect(allowed.dl().posted.find((a) => a.type === 'event')).toMatchObject({
        name: 'shareLocationEvent',
        value: { latitude: 45.5, longitude: -73.6 },
      }),
    );
    await waitFor(() =>
      expect(allowed.ui.queryByRole('button', { name: 'Share my location' })).toBeNull(),
    );

    // "Not now": the bot gets its "no", the patient sees their answer.
    allowed.dl().bot({ type: 'event', name: 'shareLocationEvent', id: 'loc-2' });
    (await waitFor(() => allowed.ui.getByRole('button', { name: 'Not now' }))).click();
    await waitFor(() =>
      expect(allowed.dl().posted.find((a) => a.type === 'message')).toMatchObject({ text: 'no' }),
    );
    await waitFor(() => expect(allowed.ui.getByText('Not now')).toBeTruthy());
  });
});

describe('<baton-chat>', () => {
  it('renders inline where the element is and opens by itself', async () => {
    defineBatonChatElement();
    defineBatonChatElement(); // twice is harmless
    const directLine = fakeDirectLineFactory();
    const element = document.createElement('baton-chat') as HTMLElement & {
      options: Partial<ChatWidgetOptions>;
    };
    element.setAttribute('title', 'Clinic chat');
    element.options = { session: async () => SESSION, createDirectLine: directLine.create };
    document.body.append(element);
    const ui = within(element.shadowRoot as unknown as HTMLElement);
    expect(ui.getByRole('region', { name: 'Clinic chat' })).toBeTruthy();
    expect(ui.queryByRole('button', { name: 'Chat with us' })).toBeNull();
    await waitFor(() => expect(directLine.instances).toHaveLength(1));
    element.remove();
  });
});

describe('the open panel over a reload', () => {
  it('comes back open after a reload when the patient left it open, closed after closing', async () => {
    const { handle } = await openChat();
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('patient.jwt.token');
    handle.destroy(); // the page goes away, the tab's storage stays
    document.body.replaceChildren();
    sessionStorage.removeItem(RESUME_STORAGE_KEY); // (no history to fetch in this test)
    expect(sessionStorage.getItem(PANEL_OPEN_KEY)).toBe('1');
    const directLine = fakeDirectLineFactory();
    const reloaded = createChatWidget({
      session: async () => SESSION,
      createDirectLine: directLine.create,
    });
    handles.push(reloaded);
    expect(reloaded.isOpen).toBe(true);
    await Promise.resolve(); // drawn at the end of the task, before the first paint
    const shadow = (document.body.lastElementChild as HTMLElement).shadowRoot as ShadowRoot;
    expect((shadow.querySelector('section') as HTMLElement).hidden).toBe(false);
    await waitFor(() => expect(directLine.instances).toHaveLength(1));

    reloaded.close();
    reloaded.destroy();
    document.body.replaceChildren();
    const again = createChatWidget({
      session: async () => SESSION,
      createDirectLine: directLine.create,
    });
    handles.push(again);
    expect(again.isOpen).toBe(false);
  });
});

describe('the language menu', () => {
  it('switches every visible string, the launcher included, from the panel header', async () => {
    const { ui, handle } = setup();
    await handle.open();
    const menu = ui.getByRole('combobox', { name: 'Language' }) as HTMLSelectElement;
    expect(menu.value).toBe('en');
    fireEvent.change(menu, { target: { value: 'es' } });
    await waitFor(() => expect(ui.getByRole('combobox', { name: 'Idioma' })).toBeTruthy());
    // The open panel's launcher minimises it, in the picked language.
    expect(ui.getByRole('button', { name: 'Minimizar el chat' })).toBeTruthy();
    expect(ui.getByRole('button', { name: 'Cerrar el chat' })).toBeTruthy();
    expect(ui.getByText('Asistente del paciente')).toBeTruthy();

    // The pick holds for the tab: the next page (or a reload) starts in Spanish.
    handle.close();
    const next = createChatWidget({ session: async () => SESSION, locale: 'en' });
    handles.push(next);
    const shadow = (document.body.lastElementChild as HTMLElement).shadowRoot as ShadowRoot;
    expect(shadow.querySelector('.launcher')?.textContent).toBe('Chatee con nosotros');
  });

  it('the host’s title follows the pick: per language, or the widget’s own words', async () => {
    const { ui, handle } = setup({
      locale: 'en',
      title: { en: 'Riverside assistant', fr: 'Assistant Riverside' },
      launcherLabel: 'Ask us',
    });
    await handle.open();
    expect(ui.getByRole('dialog', { name: 'Riverside assistant' })).toBeTruthy();
    fireEvent.change(ui.getByRole('combobox', { name: 'Language' }), { target: { value: 'fr' } });
    await waitFor(() =>
      expect(ui.getByRole('dialog', { name: 'Assistant Riverside' })).toBeTruthy(),
    );
    // The launcher's label is English (the page's language): in French, the widget's own words.
    handle.close();
    expect(ui.getByRole('button', { name: 'Discuter avec nous' }).getAttribute('lang')).toBe('fr');
  });
});
