import type { Activity } from './activity';

/** The slice of rxjs 5 `Observable` the widget uses. */
export interface Subscribable<T> {
  subscribe(
    next: (value: T) => void,
    error?: (error: unknown) => void,
    complete?: () => void,
  ): { unsubscribe(): void };
}

/** Direct Line's `ConnectionStatus` enum, as numbers (the enum itself lives in the client). */
export const DirectLineStatus = {
  Uninitialized: 0,
  Connecting: 1,
  Online: 2,
  ExpiredToken: 3,
  FailedToConnect: 4,
  Ended: 5,
} as const;

/** The slice of `botframework-directlinejs`'s `DirectLine` the widget uses. */
export interface DirectLineClient {
  activity$: Subscribable<Activity>;
  connectionStatus$: Subscribable<number>;
  postActivity(activity: Activity): Subscribable<string>;
  reconnect(conversation: { conversationId: string; token: string; streamUrl?: string }): void;
  end(): void;
  conversationId?: string;
  watermark?: string;
}

export interface DirectLineClientOptions {
  token: string;
  domain?: string;
  conversationId?: string;
  watermark?: string;
  streamUrl?: string;
  webSocket?: boolean;
  pollingInterval?: number;
  timeout?: number;
}

export type DirectLineFactory = (options: DirectLineClientOptions) => DirectLineClient;
