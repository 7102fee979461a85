import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DirectLineEmulator,
  type DirectLineEmulatorOptions,
  startDirectLineEmulator,
} from '@baton/directline-emulator';
import { createSessionHandler, type PatientIdentity } from '../../src/server/index';

export const PATIENT_TOKEN_SECRET = 'test-patient-token-secret-of-32-bytes!!';

export interface TestBackend {
  emulator: DirectLineEmulator;
  /** The portal's session endpoint (CORS-enabled for the test page origin). */
  sessionUrl: string;
  sessionRequests: number;
  close(): Promise<void>;
}

/**
 * A real Direct Line emulator plus a real portal backend serving `createSessionHandler` on
 * 127.0.0.1, as a portal would run them.
 */
export async function startBackend(
  options: DirectLineEmulatorOptions = {},
  identity: PatientIdentity = { patientId: 'patient-42', displayName: 'Alex' },
): Promise<TestBackend> {
  const emulator = await startDirectLineEmulator({
    patientTokenKey: PATIENT_TOKEN_SECRET,
    ...options,
  });
  const handler = createSessionHandler({
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret: PATIENT_TOKEN_SECRET,
    authenticate: () => identity,
  });
  const backend = { sessionRequests: 0 } as TestBackend;
  const server: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('access-control-allow-headers', 'content-type, accept');
    res.setHeader('access-control-allow-credentials', 'true');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    backend.sessionRequests += 1;
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  backend.emulator = emulator;
  backend.sessionUrl = `http://127.0.0.1:${port}/baton/session`;
  backend.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await emulator.close();
  };
  return backend;
}
