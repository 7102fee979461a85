import type { ContentItem } from '@baton/handoff-protocol';
import { useEffect, useState } from 'preact/hooks';
import type { ContentCatalogState } from '../../session/content';
import type { ConsoleSession } from '../../session/session';
import { useSessionState } from '../context';
import { trustedVariables } from './variables';

export interface ConversationContent {
  /** `null` until the server answered. */
  items: readonly ContentItem[] | null;
  queue: string | null;
  variables: ReturnType<typeof trustedVariables>;
}

/** The catalog, re-rendering on every change. */
export function useContentCatalog(session: ConsoleSession): ContentCatalogState {
  const [state, setState] = useState(session.content.state);
  useEffect(() => {
    setState(session.content.state);
    return session.content.subscribe(setState);
  }, [session]);
  return state;
}

/** The content of a conversation's queue (asked for once per connection), with its variables. */
export function useConversationContent(
  session: ConsoleSession,
  conversationId: string,
): ConversationContent {
  const catalog = useContentCatalog(session);
  const state = useSessionState(session);
  const entry = catalog.conversations[conversationId];
  const connected = state.connection === 'connected';
  useEffect(() => {
    if (connected && !session.content.state.conversations[conversationId])
      session.loadConversationContent(conversationId);
  }, [session, conversationId, connected]);
  const view = state.conversations.find((c) => c.conversationId === conversationId);
  return {
    items: entry?.items ?? null,
    queue: entry?.queue ?? null,
    variables: trustedVariables(view?.request, state.profile.displayName, entry?.queue ?? null),
  };
}
