export type {
  BotActivity,
  BotAttachment,
  BotCardAction,
  BotChannelAccount,
  BotConversationAccount,
} from './activity';
export {
  CARD_CONTENT_OMITTED_NOTICE,
  CARD_CONTENT_REFUSED_NOTICE,
  CARD_CONTENT_TYPES,
} from './attachments';
export { isSendableCardContent, MAX_CARD_CONTENT_DEPTH } from './card-content';
export { HANDOFF_INITIATE_NOTICE, type SenderIds, senderOf } from './entry';
export {
  DEFAULT_MAX_CARD_CONTENT_BYTES,
  GENERATED_ENTRY_ID_PREFIX,
  type NormalizeTranscriptOptions,
  normalizeTranscript,
} from './normalize';
export { TEXT_TRUNCATION_MARKER } from './text';
export {
  TEXT_ONLY_NOTICE_ENTRY_ID,
  TEXT_ONLY_TRANSCRIPT_NOTICE,
  textOnlyRequest,
  textOnlyTranscript,
} from './text-only';
