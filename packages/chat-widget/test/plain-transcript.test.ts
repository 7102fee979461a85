import { parsePatientMessage, patientMessage, serialiseMessage } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { plainTranscript } from '../src/conversation/transcript';
import type { Activity } from '../src/directline/activity';

// The fallback transcript (the normaliser's chunk could not load) must still be a request the
// server accepts, and small enough never to close the socket (1 MiB frames).

function activity(index: number, text: string, id = `dl|${index}`): Activity {
  return {
    type: 'message',
    id,
    from: { id: index % 2 ? 'dl_me' : 'bot' },
    timestamp: 'not a time',
    text,
  } as Activity;
}

describe('plainTranscript', () => {
  it('keeps the newest text within the transcript bounds and counts what it left out', () => {
    const activities = Array.from({ length: 600 }, (_, i) => activity(i, 'é'.repeat(9000)));
    activities.push(activity(600, 'chest pain', 'x'.repeat(300)));
    const transcript = plainTranscript(activities, 'dl_me');
    expect(transcript.entries.at(-1)).toMatchObject({ id: 'baton-600', text: 'chest pain' });
    expect(transcript.entries.length + (transcript.truncated?.omittedEntries ?? 0)).toBe(601);
    expect(transcript.truncated?.reason).toBe('bytes');
    const frame = serialiseMessage(
      patientMessage('handoff.request', {
        conversationId: 'c-1',
        clientMessageId: 'h-1',
        request: {
          reason: { kind: 'urgent' },
          priority: 'emergency',
          patient: { patientId: 'p-1', displayName: 'Alex', locale: 'en' },
          transcript,
        },
      }),
    );
    expect(frame.length).toBeLessThan(512 * 1024);
    expect(parsePatientMessage(frame).ok).toBe(true);
  });

  it('counts escaped characters, so control characters cannot make the frame too large', () => {
    const activities = Array.from({ length: 200 }, (_, i) => activity(i, '\u0001'.repeat(8000)));
    const transcript = plainTranscript(activities, 'dl_me');
    expect(JSON.stringify(transcript).length).toBeLessThan(256 * 1024);
  });
});
