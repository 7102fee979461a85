import { DirectLineEmulatorError, type DirectLineErrorCode } from './errors.js';

/** Which Direct Line endpoints a fault applies to. */
export type FaultRoute = 'tokens' | 'conversations' | 'activities' | 'upload' | 'any';

export type FaultStatus = 401 | 403 | 404 | 429 | 500 | 502;

interface StatusFault {
  kind: 'status';
  route: FaultRoute;
  remaining: number;
  status: FaultStatus;
  code: DirectLineErrorCode;
  retryAfterSeconds: number;
}

interface DelayFault {
  kind: 'delay';
  route: FaultRoute;
  remaining: number;
  ms: number;
}

type Fault = StatusFault | DelayFault;

const defaultCodes: Record<FaultStatus, DirectLineErrorCode> = {
  401: 'Unauthorized',
  403: 'TokenExpired',
  404: 'NotFound',
  429: 'TooManyRequests',
  500: 'ServiceError',
  502: 'BotError',
};

export interface FaultOptions {
  /** How many matching requests the fault applies to (default 1). */
  count?: number;
  route?: FaultRoute;
}

/**
 * Fault injection for tests: answer the next requests with an error, delay them, or drop
 * the open streams. Faults are consumed in the order they were added.
 */
export class FaultInjector {
  private faults: Fault[] = [];
  private dropper: (conversationId?: string) => number = () => 0;

  /** Answers the next matching request(s) with `status` (403 defaults to `TokenExpired`). */
  fail(
    status: FaultStatus,
    options: FaultOptions & { code?: DirectLineErrorCode; retryAfterSeconds?: number } = {},
  ): void {
    this.faults.push({
      kind: 'status',
      route: options.route ?? 'any',
      remaining: options.count ?? 1,
      status,
      code: options.code ?? defaultCodes[status],
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
    });
  }

  /** Holds the next matching request(s) for `ms` before handling them. */
  delay(ms: number, options: FaultOptions = {}): void {
    this.faults.push({
      kind: 'delay',
      route: options.route ?? 'any',
      remaining: options.count ?? 1,
      ms,
    });
  }

  /** Drops (terminates) the open streams, of one conversation or all; returns how many. */
  dropStreams(conversationId?: string): number {
    return this.dropper(conversationId);
  }

  clear(): void {
    this.faults = [];
  }

  /** @internal wired by the emulator to its stream hub. */
  setStreamDropper(dropper: (conversationId?: string) => number): void {
    this.dropper = dropper;
  }

  /** @internal consumes the faults that apply to one request: one delay, then one failure. */
  async apply(route: Exclude<FaultRoute, 'any'>): Promise<void> {
    const delay = this.take(route, 'delay');
    if (delay?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const failure = this.take(route, 'status');
    if (failure?.kind === 'status') {
      throw new DirectLineEmulatorError(failure.code, `Injected fault: ${failure.status}`, {
        status: failure.status,
        retryAfterSeconds: failure.status === 429 ? failure.retryAfterSeconds : undefined,
      });
    }
  }

  private take(route: FaultRoute, kind: Fault['kind']): Fault | undefined {
    const index = this.faults.findIndex(
      (f) => f.kind === kind && (f.route === route || f.route === 'any'),
    );
    if (index < 0) return;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
