import { startDirectLineEmulator } from '@baton/directline-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createDirectLineBotChannel } from '../../src/engine/bot-channel';

let cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('Direct Line bot channel (against the Direct Line emulator)', () => {
  it('posts handoff.status events into the bot conversation with the secret', async () => {
    const emulator = await startDirectLineEmulator({ port: 0 });
    cleanups.push(() => emulator.close());
    const auth = { authorization: `Bearer ${emulator.secret}` };
    const started = await fetch(`${emulator.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: auth,
    });
    const { conversationId } = (await started.json()) as { conversationId: string };
    const channel = createDirectLineBotChannel({ endpoint: emulator.url, secret: emulator.secret });
    await channel.notify({
      conversationId: 'baton-1',
      directLine: { conversationId },
      state: 'accepted',
    });
    await channel.notify({
      conversationId: 'baton-1',
      directLine: { conversationId },
      state: 'completed',
    });
    const listed = await fetch(
      `${emulator.url}/v3/directline/conversations/${conversationId}/activities`,
      { headers: auth },
    );
    const { activities } = (await listed.json()) as {
      activities: { type: string; name?: string; value?: { state: string } }[];
    };
    const statuses = activities
      .filter((a) => a.type === 'event' && a.name === 'handoff.status')
      .map((a) => a.value?.state);
    expect(statuses).toEqual(['accepted', 'completed']);
  });

  it('rejects when Direct Line refuses the secret', async () => {
    const emulator = await startDirectLineEmulator({ port: 0 });
    cleanups.push(() => emulator.close());
    const channel = createDirectLineBotChannel({ endpoint: emulator.url, secret: 'wrong-secret' });
    await expect(
      channel.notify({
        conversationId: 'b',
        directLine: { conversationId: 'nope' },
        state: 'accepted',
      }),
    ).rejects.toThrow(/40[13]/);
  });
});
