import WebSocket from 'ws';

/** JSON read off the wire in tests: loosely typed on purpose, pinned down by assertions. */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON is checked by assertions, not types
export type Wire = any;

/** Raw Direct Line calls (fetch, no client library) for the conformance suite. */
export interface RawResponse<T = Wire> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Wire>(
  base: string,
  method: string,
  path: string,
  options: {
    auth?: string;
    json?: unknown;
    body?: BodyInit;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== undefined) headers.Authorization = `Bearer ${options.auth}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export interface Frame {
  raw: string;
  activities?: Wire[];
  watermark?: string;
}

/** An open stream that records every frame, with a bounded wait for what a test expects. */
export class StreamRecorder {
  readonly frames: Frame[] = [];
  readonly socket: WebSocket;
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      const raw = data.toString();
      this.frames.push(raw ? { raw, ...JSON.parse(raw) } : { raw });
      this.wake();
    });
    this.socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    this.socket.on('error', () => {});
  }

  get activities(): Wire[] {
    return this.frames.flatMap((f) => f.activities ?? []);
  }

  opened(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      this.socket.once('error', reject);
    });
  }

  async until<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting on the stream');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    if (this.socket.readyState <= WebSocket.OPEN) this.socket.terminate();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Starts a conversation with the secret and returns its start response. */
export async function startWithSecret(base: string, secret: string, user = 'dl_patient') {
  const started = await call(base, 'POST', '/v3/directline/conversations', {
    auth: secret,
    json: { user: { id: user, name: 'Pat' } },
  });
  if (started.status !== 201) throw new Error(`start failed: ${started.status}`);
  return started.body as {
    conversationId: string;
    token: string;
    expires_in: number;
    streamUrl: string;
    referenceGrammarId: string;
  };
}
