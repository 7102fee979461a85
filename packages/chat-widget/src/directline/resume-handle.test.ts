// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearResumeHandle,
  RESUME_STORAGE_KEY,
  readResumeHandle,
  writeResumeHandle,
} from './resume-handle';

afterEach(() => sessionStorage.clear());

describe('resume handle', () => {
  it('round-trips until it expires, then removes itself', () => {
    writeResumeHandle(sessionStorage, {
      conversationId: 'c1',
      watermark: '7',
      expiresAt: 2000,
      resumeBinding: 'b',
    });
    expect(readResumeHandle(sessionStorage, 1000)).toEqual({
      conversationId: 'c1',
      watermark: '7',
      expiresAt: 2000,
      resumeBinding: 'b',
    });
    expect(readResumeHandle(sessionStorage, 2000)).toBeNull();
    expect(sessionStorage.getItem(RESUME_STORAGE_KEY)).toBeNull();
  });

  it.each([
    'not json',
    '{"conversationId":42,"expiresAt":9e15}',
    '{"conversationId":"","expiresAt":9e15}',
    '{"conversationId":"c","expiresAt":"later"}',
    '{"conversationId":"c","expiresAt":9e15,"watermark":{}}',
  ])('ignores and drops a malformed handle: %s', (raw) => {
    sessionStorage.setItem(RESUME_STORAGE_KEY, raw);
    expect(readResumeHandle(sessionStorage, 0)).toBeNull();
  });

  it('survives blocked storage and no storage', () => {
    const blocked = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
      removeItem() {
        throw new Error('SecurityError');
      },
    } as unknown as Storage;
    expect(readResumeHandle(blocked)).toBeNull();
    expect(() => writeResumeHandle(blocked, { conversationId: 'c', expiresAt: 1 })).not.toThrow();
    expect(() => clearResumeHandle(blocked)).not.toThrow();
    expect(readResumeHandle(null)).toBeNull();
  });
});
