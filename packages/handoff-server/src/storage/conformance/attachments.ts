import { describe, expect, it } from 'vitest';
import { HandoffServerError } from '../../internal/errors';
import type { NewAttachment } from '../attachment-records';
import { rejectionOf, type SuiteContext } from './fixture';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 0, 255]);

const pending = (id: string, conversationId = 'c1'): NewAttachment => ({
  id,
  conversationId,
  uploaderParty: 'patient',
  uploaderId: 'p1',
  name: 'rash.png',
  contentType: 'image/png',
  size: 100,
  uploadTokenHash: 'a'.repeat(64),
  uploadExpiresAt: new Date(Date.now() + 60_000).toISOString(),
});

/** Attachments (migrations 14, 18): pending rows, stored once with their bytes, gone with the conversation. */
export function attachmentSuite(ctx: SuiteContext): void {
  describe('attachments', () => {
    it('creates a pending row, stores the bytes once and reads them back', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      const created = await store.createAttachment(pending('a1'));
      expect(created).toMatchObject({ id: 'a1', status: 'pending', storedAt: null, size: 100 });
      expect(await store.readAttachmentData('a1')).toBeNull();
      expect(await store.listAttachments('c1')).toEqual([]);
      const stored = await store.storeAttachmentData('a1', {
        contentType: 'image/png',
        bytes: PNG,
      });
      expect(stored).toMatchObject({ status: 'stored', size: PNG.byteLength });
      expect(stored?.storedAt).not.toBeNull();
      expect([...((await store.readAttachmentData('a1')) ?? [])]).toEqual([...PNG]);
      // A second upload of the same grant changes nothing.
      expect(
        await store.storeAttachmentData('a1', { contentType: 'application/pdf', bytes: PNG }),
      ).toBeNull();
      expect(await store.getAttachment('a1')).toEqual(stored);
      expect((await store.listAttachments('c1')).map((a) => a.id)).toEqual(['a1']);
      expect(
        await store.storeAttachmentData('nope', { contentType: 'image/png', bytes: PNG }),
      ).toBeNull();
    });

    it('refuses an unknown conversation and a duplicate id', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      await store.createAttachment(pending('a1'));
      const missing = await rejectionOf(store.createAttachment(pending('a2', 'nope')));
      expect(HandoffServerError.is(missing, 'not_found')).toBe(true);
      const duplicate = await rejectionOf(store.createAttachment(pending('a1')));
      expect(HandoffServerError.is(duplicate, 'conflict')).toBe(true);
      expect(await store.getAttachment('a2')).toBeNull();
    });

    it('goes with its conversation (retention purge)', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'old', patientId: 'p1', state: 'queued' });
      await store.updateState('old', { expected: 'queued', next: 'abandoned' });
      await store.createAttachment(pending('a1', 'old'));
      await store.storeAttachmentData('a1', { contentType: 'image/png', bytes: PNG });
      await store.purgeFinishedBefore(new Date(Date.now() + 60_000));
      expect(await store.getAttachment('a1')).toBeNull();
      expect(await store.readAttachmentData('a1')).toBeNull();
      expect(await store.listAttachments('old')).toEqual([]);
    });

    it('keeps a large file byte for byte, every byte value included (sealed as binary)', async () => {
      const store = ctx.store();
      await store.createConversation({ id: 'c1', patientId: 'p1' });
      // 4 MiB: every byte value, in a pattern no encoding step would keep by accident.
      const big = new Uint8Array(4 * 1024 * 1024);
      for (let i = 0; i < big.length; i += 1) big[i] = (i * 7 + (i >> 11)) & 0xff;
      await store.createAttachment({ ...pending('big'), contentType: 'application/pdf' });
      const stored = await store.storeAttachmentData('big', {
        contentType: 'application/pdf',
        bytes: big,
      });
      expect(stored).toMatchObject({ status: 'stored', size: big.byteLength });
      const back = await store.readAttachmentData('big');
      expect(back?.byteLength).toBe(big.byteLength);
      expect(Buffer.from(back!).equals(Buffer.from(big))).toBe(true);
    });
  });
}
