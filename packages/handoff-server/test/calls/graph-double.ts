import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`./recorded/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

export interface GraphRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

/**
 * Microsoft Graph and Azure AD cannot be reached from here: this double replays responses
 * recorded from the documentation (`recorded/*.json`: the v2.0 token endpoint's
 * client-credentials answer, `POST /users/{id}/onlineMeetings`' 201 answer), checking the
 * requests the way the real services do (form fields, bearer token, JSON body). Each meeting
 * gets its own thread id in `joinWebUrl`, as Teams does.
 */
export async function startGraphDouble(options: { tenantId: string; clientSecret: string }) {
  const requests: GraphRequest[] = [];
  const token = recorded('token.json');
  const meeting = recorded('online-meeting.json');
  let meetings = 0;
  /** The next N meeting requests answer this status. */
  let failNext: { count: number; status: number } = { count: 0, status: 0 };
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      body,
    });
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'POST' && path === `/${options.tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(body);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('scope') !== 'https://graph.microsoft.com/.default' ||
        form.get('client_secret') !== options.clientSecret
      )
        return reply(401, { error: 'invalid_client', error_description: 'AADSTS7000215' });
      return reply(200, token);
    }
    const onlineMeetings = /^\/v1\.0\/users\/[^/]+\/onlineMeetings$/.exec(path);
    if (req.method === 'POST' && onlineMeetings) {
      if (req.headers.authorization !== `Bearer ${token.access_token}`)
        return reply(401, { error: { code: 'InvalidAuthenticationToken' } });
      if (failNext.count > 0) {
        failNext.count -= 1;
        return reply(failNext.status, { error: { code: 'Forbidden', message: 'recorded' } });
      }
      let input: { startDateTime?: string; endDateTime?: string; subject?: string };
      try {
        input = JSON.parse(body);
      } catch {
        return reply(400, { error: { code: 'BadRequest' } });
      }
      meetings += 1;
      const thread = `19%3ameeting_double${meetings}%40thread.v2`;
      return reply(201, {
        ...meeting,
        startDateTime: input.startDateTime,
        endDateTime: input.endDateTime,
        subject: input.subject,
        joinWebUrl: String(meeting.joinWebUrl).replace(/19%3ameeting_[^/]+%40thread\.v2/, thread),
      });
    }
    reply(404, { error: { code: 'NotFound' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    failNextMeetings(count: number, status: number) {
      failNext = { count, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
