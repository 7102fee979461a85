export type {
  AdapterAgentMessage,
  AdapterCloseReason,
  AdapterConversation,
  AdapterHost,
  AdapterLogger,
  AdapterPatientMessage,
  HandoffAdapter,
} from './contract';
