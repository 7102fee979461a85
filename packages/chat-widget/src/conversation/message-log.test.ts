import { describe, expect, it } from 'vitest';
import type { Activity } from '../directline/activity';
import { MessageLog } from './message-log';

const USER = 'dl_patient';

describe('message log: own messages', () => {
  it('takes the server time from the echo when the POST answered first', () => {
    const log = new MessageLog();
    const outgoing: Activity = { type: 'message', text: 'Appointments', from: { id: USER } };
    const key = log.addOutgoing(outgoing, { hidden: false });
    const local = log.messages.at(-1)?.at;
    log.markSent(key, 'conv|0003');
    const echo: Activity = {
      ...outgoing,
      id: 'conv|0003',
      timestamp: '2026-12-06T14:28:11.875Z',
      channelData: { clientActivityID: key },
    };
    expect(log.receive(echo, USER)).toBe('echo');
    expect(log.messages.at(-1)?.at).toBe('2026-12-06T14:28:11.875Z');
    expect(log.messages.at(-1)?.at).not.toBe(local);
    expect(log.messages.at(-1)?.delivery).toBe('sent');
    // The same echo again (a reconnect's replay) changes nothing.
    expect(log.receive(echo, USER)).toBe('duplicate');
    expect(log.messages).toHaveLength(1);
  });

  it('still drops a repeated bot activity', () => {
    const log = new MessageLog();
    const bot: Activity = { type: 'message', id: 'conv|0001', text: 'Hello', from: { id: 'bot' } };
    expect(log.receive(bot, USER)).toBe('new');
    expect(log.receive(bot, USER)).toBe('duplicate');
    expect(log.messages).toHaveLength(1);
  });
});
