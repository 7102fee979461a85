import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in this process: keeps every message it accepts, parsed. */
export interface SmtpSink {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** Envelope recipients of each accepted message. */
  recipients: string[][];
  /** Reject the next `n` DATA commands with this reply code (451: try later; 550: final). */
  rejectNext(n: number, code: number): void;
  /** Connections this sink saw (accepted or not). */
  connections(): number;
  close(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const recipients: string[][] = [];
  let rejecting = 0;
  let rejectCode = 451;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (rejecting > 0) {
          rejecting -= 1;
          const error = new Error('not now') as Error & { responseCode: number };
          error.responseCode = rejectCode;
          return callback(error);
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            messages.push(parsed);
            recipients.push(session.envelope.rcptTo.map((r) => r.address));
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    recipients,
    rejectNext(n, code) {
      rejecting = n;
      rejectCode = code;
    },
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
