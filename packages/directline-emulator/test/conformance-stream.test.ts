import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DirectLineEmulator, startDirectLineEmulator } from '../src/index.js';
import { collisionClose } from '../src/stream/streamHub.js';
import { call, StreamRecorder, startWithSecret } from './support/raw.js';
import { pingScenarios } from './support/scenarios.js';

// The WebSocket stream, per the Direct Line 3.0 "receive activities" reference, with raw ws.
let emulator: DirectLineEmulator;
const dl = '/v3/directline';
const streams: StreamRecorder[] = [];

function open(url: string): StreamRecorder {
  const stream = new StreamRecorder(url);
  streams.push(stream);
  return stream;
}

beforeAll(async () => {
  emulator = await startDirectLineEmulator({ scenarios: pingScenarios, keepAliveMs: 100 });
});
afterEach(() => {
  for (const s of streams.splice(0)) s.close();
});
afterAll(() => emulator.close());

function send(conversationId: string, token: string, text: string) {
  return call(emulator.url, 'POST', `${dl}/conversations/${conversationId}/activities`, {
    auth: token,
    json: { type: 'message', from: { id: 'dl_patient' }, text },
  });
}

describe('stream', () => {
  it('pushes ActivitySet frames: the client echo, typing (stream only), the reply, with watermarks', async () => {
    const { conversationId, token, streamUrl } = await startWithSecret(
      emulator.url,
      emulator.secret,
    );
    const stream = open(streamUrl);
    await stream.opened();
    await send(conversationId, token, 'ping');
    await stream.until(() => stream.activities.find((a) => a.text === 'pong'));
    const types = stream.activities.map((a) => `${a.type}:${a.from.id}`);
    expect(types).toEqual(['message:dl_patient', 'typing:healthbot', 'message:healthbot']);
    const stored = stream.frames.filter((f) => f.activities?.[0]?.type === 'message');
    expect(stored.every((f) => typeof f.watermark === 'string')).toBe(true);
    expect(stream.activities[0].id).toBe(`${conversationId}|0000001`);
  });

  it('sends empty keep-alive frames', async () => {
    const { streamUrl } = await startWithSecret(emulator.url, emulator.secret);
    const stream = open(streamUrl);
    await stream.until(() => stream.frames.find((f) => f.raw === ''));
  });

  it('replays from the watermark of the reconnect request, and only newer activities without one', async () => {
    const { conversationId, token } = await startWithSecret(emulator.url, emulator.secret);
    await send(conversationId, token, 'ping');
    const listed = await call(
      emulator.url,
      'GET',
      `${dl}/conversations/${conversationId}/activities`,
      { auth: token },
    );
    const [first] = listed.body.activities;
    const firstMark = first.id.split('|')[1].replace(/^0+/, '');

    const fromMark = await call(
      emulator.url,
      'GET',
      `${dl}/conversations/${conversationId}?watermark=${firstMark}`,
      { auth: token },
    );
    const replay = open(fromMark.body.streamUrl);
    await replay.until(() => replay.frames.find((f) => f.activities));
    expect(replay.frames[0]!.activities!.map((a) => a.text)).toEqual(['pong']);
    expect(replay.frames[0]!.watermark).toBe(listed.body.watermark);
    replay.close();
    await replay.until(() => replay.closed);

    const noMark = await call(emulator.url, 'GET', `${dl}/conversations/${conversationId}`, {
      auth: token,
    });
    const live = open(noMark.body.streamUrl);
    await live.opened();
    await send(conversationId, token, 'ping');
    await live.until(() => live.activities.find((a) => a.text === 'pong'));
    expect(live.activities.map((a) => a.text).filter(Boolean)).toEqual(['ping', 'pong']);
  });

  it('keeps one stream per conversation: a second one is closed with "collision"', async () => {
    const { conversationId, token, streamUrl } = await startWithSecret(
      emulator.url,
      emulator.secret,
    );
    const first = open(streamUrl);
    await first.opened();
    const again = await call(emulator.url, 'GET', `${dl}/conversations/${conversationId}`, {
      auth: token,
    });
    const second = open(again.body.streamUrl);
    const closed = await second.until(() => second.closed);
    expect(closed).toEqual({ code: collisionClose.code, reason: 'collision' });
    await send(conversationId, token, 'ping');
    await first.until(() => first.activities.find((a) => a.text === 'pong'));
  });

  it('refuses a stream without a valid ticket for that conversation', async () => {
    const a = await startWithSecret(emulator.url, emulator.secret);
    const b = await startWithSecret(emulator.url, emulator.secret);
    const noTicket = open(`${a.streamUrl.split('?')[0]}`);
    await expect(noTicket.opened()).rejects.toThrow(/401/);
    const otherTicket = open(`${a.streamUrl.split('?')[0]}?${b.streamUrl.split('?')[1]}`);
    await expect(otherTicket.opened()).rejects.toThrow(/403/);
    const forged = open(`${a.streamUrl.split('?')[0]}?t=${a.token}`);
    await expect(forged.opened()).rejects.toThrow(/403/);
  });

  it('drops streams on demand; the client reconnects and loses nothing', async () => {
    const { conversationId, token, streamUrl } = await startWithSecret(
      emulator.url,
      emulator.secret,
    );
    const stream = open(streamUrl);
    await stream.opened();
    await send(conversationId, token, 'ping');
    await stream.until(() => stream.activities.find((a) => a.text === 'pong'));
    const mark = stream.frames.filter((f) => f.watermark).at(-1)!.watermark;
    expect(emulator.faults.dropStreams(conversationId)).toBe(1);
    await stream.until(() => stream.closed);
    await send(conversationId, token, 'missed while offline');
    const again = await call(
      emulator.url,
      'GET',
      `${dl}/conversations/${conversationId}?watermark=${mark}`,
      { auth: token },
    );
    const resumed = open(again.body.streamUrl);
    await resumed.until(() => resumed.activities.length > 0 && resumed.activities);
    expect(resumed.activities.map((a) => a.text)).toContain('missed while offline');
    expect(resumed.activities.map((a) => a.text)).not.toContain('pong');
  });

  it('with streamCollision "close-old", a new stream replaces the open one', async () => {
    const replacing = await startDirectLineEmulator({
      scenarios: pingScenarios,
      streamCollision: 'close-old',
    });
    try {
      const { conversationId, token, streamUrl } = await startWithSecret(
        replacing.url,
        replacing.secret,
      );
      const first = open(streamUrl);
      await first.opened();
      const again = await call(replacing.url, 'GET', `${dl}/conversations/${conversationId}`, {
        auth: token,
      });
      const second = open(again.body.streamUrl);
      expect(await first.until(() => first.closed)).toEqual({
        code: collisionClose.code,
        reason: 'collision',
      });
      await second.opened();
      await call(replacing.url, 'POST', `${dl}/conversations/${conversationId}/activities`, {
        auth: token,
        json: { type: 'message', text: 'ping' },
      });
      await second.until(() => second.activities.find((a) => a.text === 'pong'));
    } finally {
      await replacing.close();
    }
  });
});
