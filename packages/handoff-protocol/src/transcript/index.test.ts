import { expect, it } from 'vitest';
import * as transcript from './index';

it('exports exactly the transcript API', () => {
  expect(Object.keys(transcript).sort()).toEqual([
    'CARD_CONTENT_OMITTED_NOTICE',
    'CARD_CONTENT_REFUSED_NOTICE',
    'CARD_CONTENT_TYPES',
    'DEFAULT_MAX_CARD_CONTENT_BYTES',
    'GENERATED_ENTRY_ID_PREFIX',
    'HANDOFF_INITIATE_NOTICE',
    'MAX_CARD_CONTENT_DEPTH',
    'TEXT_ONLY_NOTICE_ENTRY_ID',
    'TEXT_ONLY_TRANSCRIPT_NOTICE',
    'TEXT_TRUNCATION_MARKER',
    'isSendableCardContent',
    'normalizeTranscript',
    'senderOf',
    'textOnlyRequest',
    'textOnlyTranscript',
  ]);
});
