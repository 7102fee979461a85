import type { Activity } from '../../src/directline/activity';
import type {
  DirectLineClient,
  DirectLineClientOptions,
  Subscribable,
} from '../../src/directline/connection';

type Observer<T> = { next(value: T): void; error?(error: unknown): void };

class Subject<T> implements Subscribable<T> {
  readonly observers = new Set<Observer<T>>();
  constructor(private last?: T) {}
  subscribe(next: (value: T) => void, error?: (error: unknown) => void) {
    const observer = { next, ...(error ? { error } : {}) };
    this.observers.add(observer);
    if (this.last !== undefined) next(this.last);
    return { unsubscribe: () => this.observers.delete(observer) };
  }
  next(value: T): void {
    this.last = value;
    for (const observer of [...this.observers]) observer.next(value);
  }
}

/**
 * A scripted stand-in for the Direct Line client, for UI tests only: it lets a test put any
 * activity (hostile ones included) in front of the widget and fail posts on demand. The real
 * client runs against the emulator in test/integration.test.ts and the Chromium tests.
 */
export class FakeDirectLine implements DirectLineClient {
  readonly activity$ = new Subject<Activity>();
  readonly connectionStatus$ = new Subject<number>(0);
  readonly posted: Activity[] = [];
  conversationId = 'conv-1';
  watermark = '0';
  failPosts = false;
  #seq = 0;

  constructor(readonly options: DirectLineClientOptions) {
    queueMicrotask(() => {
      this.connectionStatus$.next(1);
      this.connectionStatus$.next(2);
    });
  }

  postActivity(activity: Activity): Subscribable<string> {
    this.posted.push(activity);
    const id = `conv-1|${String(++this.#seq).padStart(7, '0')}`;
    return {
      subscribe: (next, error) => {
        queueMicrotask(() => (this.failPosts ? error?.(new Error('offline')) : next(id)));
        return { unsubscribe() {} };
      },
    };
  }

  /** The bot says something. */
  bot(activity: Partial<Activity> & { type: string }): void {
    this.activity$.next({
      id: `conv-1|b${String(++this.#seq).padStart(6, '0')}`,
      from: { id: 'healthbot', role: 'bot' },
      timestamp: new Date().toISOString(),
      ...activity,
    });
  }

  readonly reconnects: { conversationId: string; token: string }[] = [];
  reconnect(conversation: { conversationId: string; token: string }): void {
    this.reconnects.push(conversation);
    this.connectionStatus$.next(2);
  }
  end(): void {
    this.connectionStatus$.next(5);
  }
}

export function fakeDirectLineFactory() {
  const instances: FakeDirectLine[] = [];
  return {
    instances,
    create: (options: DirectLineClientOptions) => {
      const instance = new FakeDirectLine(options);
      instances.push(instance);
      return instance;
    },
  };
}
