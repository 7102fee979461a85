import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentMessage } from '@baton/handoff-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteConversationStore } from '../../src/storage/sqlite/store';
import { testKeyRing } from '../support/keys';
import { connectAgent, startTestServer } from '../support/server';

// An administrator changes an agent's queues: her console is cut and comes straight back with
// a fresh token. Her presence is kept across that reconnect (the Agents list and the dashboard
// never show her Offline), and is not kept for good if she does not come back.

let cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function serve() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-presence-'));
  const store = new SqliteConversationStore({
    filename: join(dir, 'baton.db'),
    keyRing: testKeyRing(),
  });
  const presences: string[] = [];
  const setAgentPresence = store.setAgentPresence.bind(store);
  store.setAgentPresence = (id, presence) => {
    if (id === 'nina') presences.push(presence);
    return setAgentPresence(id, presence);
  };
  const test = await startTestServer({
    store,
    desk: {
      routing: { queues: [{ queue: 'billing', department: 'billing' }], defaultQueue: 'general' },
    },
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => test.close());
  const admin = await test.tokens.staff('root', ['admin'], []);
  const put = (body: unknown) =>
    fetch(`${test.url}/api/admin/staff/nina/assignment`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { test, presences, put };
}

describe('presence across a reassignment', () => {
  it('is kept while her console reconnects', async () => {
    const { test, presences, put } = await serve();
    const token = await test.tokens.staff('nina', ['agent'], ['general']);
    const nina = await connectAgent(test.url, token);
    cleanups.push(() => nina.close());
    await nina.waitFor('agent.assignments');
    nina.send(agentMessage('presence', { presence: 'away' }));
    await nina.waitFor('staff.profile');
    const cut = new Promise((resolve) => nina.socket.once('disconnect', resolve));
    expect((await put({ roles: ['agent'], queues: ['billing', 'general'] })).status).toBe(200);
    await cut;
    const back = await connectAgent(test.url, token);
    cleanups.push(() => back.close());
    const profile = await back.waitFor('staff.profile');
    expect(profile).toMatchObject({ queues: ['billing', 'general'], source: 'override' });
    // Registered again (her assignments come after): never offline on the way, still away.
    await back.waitFor('agent.assignments');
    expect(presences).not.toContain('offline');
    expect((await test.store.getAgent('nina'))?.presence).toBe('away');
  });

  it('goes offline when she does not come back within the window', async () => {
    const { test, put } = await serve();
    const nina = await connectAgent(test.url, await test.tokens.staff('nina', ['agent'], []));
    cleanups.push(() => nina.close());
    await nina.waitFor('agent.assignments');
    const sam = await connectAgent(test.url, await test.tokens.staff('sam', ['supervisor'], []));
    cleanups.push(() => sam.close());
    sam.send(agentMessage('supervisor.subscribe', {}));
    await sam.waitFor('supervisor.snapshot');
    expect((await put({ roles: ['agent'], queues: ['general'] })).status).toBe(200);
    const offline = await sam.waitFor(
      'supervisor.update',
      (f) => f.agents?.some((a) => a.agent.id === 'nina' && a.presence === 'offline') ?? false,
      25_000,
    );
    expect(offline).toBeDefined();
  }, 40_000);

  it('goes offline once, on the next node, when the node that cut her restarts in the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-presence-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const open = () =>
      new SqliteConversationStore({ filename: join(dir, 'baton.db'), keyRing: testKeyRing() });
    const timeouts = { agentReturnMs: 1500 };
    const first = await startTestServer({ store: open(), timeouts });
    let firstOpen = true;
    cleanups.push(() => (firstOpen ? first.close() : undefined));
    const nina = await connectAgent(first.url, await first.tokens.staff('nina', ['agent'], []));
    cleanups.push(() => nina.close());
    await nina.waitFor('agent.assignments');
    nina.send(agentMessage('presence', { presence: 'away' }));
    await nina.waitFor('staff.profile');
    const admin = await first.tokens.staff('root', ['admin'], []);
    const cut = new Promise((resolve) => nina.socket.once('disconnect', resolve));
    const put = await fetch(`${first.url}/api/admin/staff/nina/assignment`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['agent'], queues: ['general'] }),
    });
    expect(put.status).toBe(200);
    await cut;
    // The node restarts within the window: its deadline is in the store, not in its memory.
    await first.close();
    firstOpen = false;
    const store = open();
    const presences: string[] = [];
    const setAgentPresence = store.setAgentPresence.bind(store);
    store.setAgentPresence = (id, presence) => {
      if (id === 'nina') presences.push(presence);
      return setAgentPresence(id, presence);
    };
    expect((await store.getAgent('nina'))?.presence).toBe('away');
    const second = await startTestServer({ store, timeouts, schedules: { pollMs: 100 } });
    cleanups.push(() => second.close());
    for (let i = 0; i < 100 && presences.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(presences).toEqual(['offline']);
    expect((await store.getAgent('nina'))?.presence).toBe('offline');
  }, 20_000);
});
