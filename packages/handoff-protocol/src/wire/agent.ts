import { AgentToServer } from '../messages/agent-to-server';
import { ServerToAgent } from '../messages/server-to-agent';
import { messageTypes, type ParseResult, parseFrame } from './frame';

let agentTypes: ReadonlySet<string> | undefined;
let serverTypes: ReadonlySet<string> | undefined;

/** Server side: parse a frame an agent console sent. Never throws. */
export function parseAgentMessage(input: unknown): ParseResult<AgentToServer> {
  agentTypes ??= messageTypes(AgentToServer);
  return parseFrame(AgentToServer, agentTypes, 'agent → server', input);
}

/** Console side: parse a frame the server sent to an agent. Never throws. */
export function parseServerToAgent(input: unknown): ParseResult<ServerToAgent> {
  serverTypes ??= messageTypes(ServerToAgent);
  return parseFrame(ServerToAgent, serverTypes, 'server → agent', input);
}
