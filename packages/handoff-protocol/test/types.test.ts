import { describe, expectTypeOf, it } from 'vitest';
import type {
  AgentToServer,
  ConversationState,
  ErrorCode,
  ParseResult,
  PatientToServer,
  ServerToPatient,
  TransitionResult,
} from '../src/index';
import {
  type BatonProtocolError,
  parseServerToPatient,
  patientMessage,
  transition,
} from '../src/index';

describe('inferred types', () => {
  it('narrows messages by type', () => {
    type Message = Extract<PatientToServer, { type: 'message' }>;
    expectTypeOf<Message['clientMessageId']>().toEqualTypeOf<string>();
    expectTypeOf<Message['textFormat']>().toEqualTypeOf<'plain' | 'markdown' | undefined>();
    type Queued = Extract<ServerToPatient, { type: 'handoff.queued' }>;
    expectTypeOf<Queued['queue']['estimatedWaitSeconds']>().toEqualTypeOf<number | null>();
  });

  it('keeps session frames without a conversation id', () => {
    type Subscribe = Extract<AgentToServer, { type: 'queue.subscribe' }>;
    expectTypeOf<Subscribe>().not.toHaveProperty('conversationId');
  });

  it('types parse results and builders', () => {
    expectTypeOf(parseServerToPatient).returns.toEqualTypeOf<ParseResult<ServerToPatient>>();
    const built = patientMessage('typing', { conversationId: 'c', active: true });
    expectTypeOf(built).toEqualTypeOf<Extract<PatientToServer, { type: 'typing' }>>();
    // @ts-expect-error `text` is required on a message
    patientMessage('message', { conversationId: 'c', clientMessageId: 'm' });
  });

  it('types errors and transitions', () => {
    expectTypeOf<BatonProtocolError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf(transition).returns.toEqualTypeOf<TransitionResult>();
    expectTypeOf<ConversationState>().toEqualTypeOf<
      | 'bot'
      | 'handoff_requested'
      | 'queued'
      | 'assigned'
      | 'ended'
      | 'returned_to_bot'
      | 'abandoned'
      | 'expired'
      | 'failed'
    >();
  });
});
