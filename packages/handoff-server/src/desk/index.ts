export { AgentDesk, type AgentDeskOptions, createAgentDesk, type DeskDelivery } from './desk';
export { type QueueRule, type RoutingConfig, routeHandoff } from './routing';
