import type { DirectLineEmulator } from '../../src/index.js';
import { call, startWithSecret, type Wire } from './raw.js';

/** A patient talking to the simulator over REST: each `say` returns the bot's new activities. */
export async function patient(emulator: DirectLineEmulator, locale = 'en-US') {
  const { conversationId, token, streamUrl } = await startWithSecret(emulator.url, emulator.secret);
  let watermark = '';
  const path = `/v3/directline/conversations/${conversationId}/activities`;
  async function send(activity: Record<string, unknown>): Promise<Wire[]> {
    const sent = await call(emulator.url, 'POST', path, {
      auth: token,
      json: { locale, ...activity },
    });
    if (sent.status !== 200)
      throw new Error(`post failed: ${sent.status} ${JSON.stringify(sent.body)}`);
    const listed = await call(emulator.url, 'GET', `${path}?watermark=${watermark}`, {
      auth: token,
    });
    watermark = listed.body.watermark;
    return listed.body.activities.filter((a: Wire) => a.from.id !== 'dl_patient');
  }
  return {
    conversationId,
    token,
    streamUrl,
    send,
    say: (text: string) => send({ type: 'message', text }),
    init: (value: Record<string, unknown>) =>
      send({ type: 'invoke', name: 'InitConversation', value }),
  };
}

export const texts = (activities: Wire[]) =>
  activities.filter((a) => a.type === 'message' && a.text).map((a) => a.text as string);
