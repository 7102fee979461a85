// @vitest-environment happy-dom
import { TEXT_ONLY_NOTICE_ENTRY_ID } from '@baton/handoff-protocol';
import { waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RESUME_STORAGE_KEY } from '../src/directline/resume-handle';
import { createChatWidget } from '../src/index';
import type { ChatWidgetHandle } from '../src/types';
import { fakeDirectLineFactory } from './support/fake-direct-line';
import {
  AgentClient,
  eventually,
  startHandoffServer,
  type TestHandoffServer,
} from './support/handoff-server';

// The whole widget in happy-dom, a scripted Direct Line stand-in for the bot, and a REAL
// handoff server and agent socket: once escalated, the patient's words go to the person and
// no longer to the bot; the agent's answers, the queue and the end appear in the panel.

let server: TestHandoffServer;
const handles: ChatWidgetHandle[] = [];
const agents: AgentClient[] = [];

afterEach(async () => {
  for (const handle of handles.splice(0)) handle.destroy();
  for (const agent of agents.splice(0)) agent.close();
  document.body.replaceChildren();
  sessionStorage.clear();
  await server?.close();
});

async function widget(handoff: { routing?: { department: string } } = {}) {
  const directLine = fakeDirectLineFactory();
  const token = await server.patientToken();
  const handle = createChatWidget({
    session: async () => ({
      directLine: { token: 'dl-token', conversationId: 'conv-1' },
      userId: 'dl_me',
      patientToken: 'health-bot.jwt',
      handoffToken: token,
    }),
    createDirectLine: directLine.create,
    handoff: { serverUrl: server.url, reconnectionDelayMs: 50, ...handoff },
  });
  handles.push(handle);
  const shadow = (document.body.lastElementChild as HTMLElement).shadowRoot as ShadowRoot;
  const ui = within(shadow as unknown as HTMLElement);
  await handle.open();
  const dl = () => directLine.instances[0] as NonNullable<(typeof directLine.instances)[0]>;
  await waitFor(() => expect(dl().posted.length).toBeGreaterThan(0));
  const type = (text: string) => {
    const input = shadow.getElementById('baton-input') as HTMLTextAreaElement;
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    (input.closest('form') as HTMLFormElement).requestSubmit();
  };
  return { handle, shadow, ui, dl, type };
}

describe('the widget’s handoff against a real handoff server', () => {
  it('queues, shows the agent, routes the patient’s messages to the person, ends', async () => {
    server = await startHandoffServer();
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const { handle, shadow, ui, dl, type } = await widget();
    const phases: string[] = [];
    handle.on('handoff', (e) => phases.push(e.phase));

    dl().bot({ type: 'message', text: 'How can I help?', from: { id: 'bot' } });
    handle.escalate({ reason: 'portal button' });
    await waitFor(() => expect(shadow.textContent).toContain('You are number 1 in line.'), {
      timeout: 5000,
    });
    // The announcement follows the banner once effects ran (after the render).
    await waitFor(() =>
      expect(shadow.querySelector('[role=status]')?.textContent).toContain('number 1 in line'),
    );

    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    await waitFor(() => expect(shadow.textContent).toContain('Amelie Roux joined the chat.'), {
      timeout: 5000,
    });
    // The handoff is in the resume handle: its id, last seq and the agent's read seq, nothing else.
    const stored = JSON.parse(sessionStorage.getItem(RESUME_STORAGE_KEY) ?? '{}');
    expect(stored.handoff).toEqual({
      conversationId,
      lastSeq: expect.any(Number),
      seenUpTo: expect.any(Number),
    });

    const toBot = dl().posted.length;
    type('Is my prescription ready?');
    await eventually(
      () => agent.of('message').some((m) => m.text === 'Is my prescription ready?'),
      'message at the agent',
    );
    expect(dl().posted.length).toBe(toBot); // the bot no longer hears the patient

    agent.say(conversationId, 'Yes, since this morning.');
    await waitFor(
      () =>
        expect(shadow.querySelector('.msg.agent')?.textContent).toContain(
          'Yes, since this morning.',
        ),
      { timeout: 5000 },
    );
    // The panel is open: what is shown is read, and the agent learns it.
    await eventually(() => agent.of('read').length > 0, 'read receipt at the agent');

    agent.send('conversation.end', { conversationId, reason: 'resolved' });
    await waitFor(
      () => expect(ui.getByRole('button', { name: 'Back to the assistant' })).toBeTruthy(),
      { timeout: 5000 },
    );
    expect(JSON.parse(sessionStorage.getItem(RESUME_STORAGE_KEY) ?? '{}').handoff).toBeUndefined();
    ui.getByRole('button', { name: 'Back to the assistant' }).click();
    await waitFor(() => expect(shadow.querySelector('.handoff')).toBeNull());
    type('Thanks, bot');
    await waitFor(() => expect(dl().posted.some((a) => a.text === 'Thanks, bot')).toBe(true));
    expect(phases).toEqual(['requesting', 'queued', 'assigned', 'ended']);
  });
  it('back with the bot, offers no way back to it, and a new request for a person is a new handoff', async () => {
    server = await startHandoffServer();
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const { handle, shadow, ui, dl } = await widget();
    const phases: string[] = [];
    handle.on('handoff', (e) => phases.push(e.phase));
    const botHandsOver = () =>
      dl().bot({ type: 'event', name: 'handoff.initiate', value: {}, from: { id: 'bot' } });
    const queued = async (n: number) => {
      const upserts = await eventually(() => {
        const all = agent.of('queue.update').filter((f) => f.change.op === 'upsert');
        return all.length >= n ? all : undefined;
      }, `queue item ${n}`);
      const change = upserts[n - 1]?.change;
      return change?.op === 'upsert' ? change.item.conversationId : '';
    };

    botHandsOver();
    const first = await queued(1);
    agent.send('conversation.claim', { conversationId: first });
    await waitFor(() => expect(shadow.textContent).toContain('Amelie Roux joined the chat.'), {
      timeout: 5000,
    });
    agent.send('conversation.return_to_bot', { conversationId: first });
    await waitFor(() => expect(shadow.textContent).toContain('You are back with the assistant.'), {
      timeout: 5000,
    });
    expect(ui.queryByRole('button', { name: 'Back to the assistant' })).toBeNull();

    // She asks the bot for a person again: the bot hands over, and a new handoff is queued.
    botHandsOver();
    const second = await queued(2);
    expect(second).not.toBe(first);
    await waitFor(() => expect(shadow.textContent).toContain('You are number 1 in line.'), {
      timeout: 5000,
    });
    expect(phases).toEqual([
      'requesting',
      'queued',
      'assigned',
      'returned',
      'requesting',
      'queued',
    ]);
  });

  it('after a red flag, a request the server refuses is resent with its essentials and queued', async () => {
    server = await startHandoffServer();
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    // An empty department: the server refuses the request as invalid_message.
    const { shadow, dl, type } = await widget({ routing: { department: '' } });
    dl().bot({ type: 'message', text: 'How can I help?', from: { id: 'bot' } });
    type('I have chest pain');
    await waitFor(() => expect(shadow.textContent).toContain('You are number 1 in line.'), {
      timeout: 5000,
    });
    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    const assigned = await eventually(() => agent.of('conversation.assigned')[0], 'assigned');
    expect(assigned.request.priority).toBe('emergency');
    expect(assigned.request.routing).toBeUndefined();
    expect(assigned.request.transcript.entries.at(-1)?.id).toBe(TEXT_ONLY_NOTICE_ENTRY_ID);
    expect(assigned.request.transcript.entries.map((e) => e.text)).toContain('How can I help?');
  });

  it('shows the emergency guidance at once when a red flag is typed to the person', async () => {
    server = await startHandoffServer();
    const agent = await AgentClient.connect(server.url, await server.staffToken('amelie'));
    agents.push(agent);
    const { handle, shadow, dl, type } = await widget();
    const escalations: string[] = [];
    handle.on('escalated', (e) => escalations.push(e.priority));
    handle.escalate({ reason: 'portal button' });
    const upsert = await eventually(
      () => agent.of('queue.update').find((f) => f.change.op === 'upsert'),
      'queue item',
    );
    const conversationId = upsert.change.op === 'upsert' ? upsert.change.item.conversationId : '';
    agent.send('conversation.claim', { conversationId });
    await waitFor(() => expect(shadow.textContent).toContain('joined the chat.'), {
      timeout: 5000,
    });
    expect(shadow.querySelector('.emergency[role=alert]')).toBeNull();

    const toBot = dl().posted.length;
    type('Now I have chest pain');
    await waitFor(() => expect(shadow.querySelector('.emergency[role=alert]')).not.toBeNull());
    await eventually(
      () => agent.of('message').some((m) => m.text === 'Now I have chest pain'),
      'message at the agent',
    );
    expect(dl().posted.length).toBe(toBot);
    expect(escalations).toEqual(['routine', 'emergency']);
  });
});
