import { startDirectLineEmulator } from '@baton/directline-emulator';

/**
 * The demo's bot. By default the Direct Line emulator's Health Bot simulator, on a free port.
 * With `BATON_DIRECTLINE_SECRET` the demo talks to a real Azure Health Bot or Bot Framework
 * bot instead: `BATON_DIRECTLINE_DOMAIN` (default the global Direct Line endpoint; regional
 * ones such as `https://europe.directline.botframework.com/v3/directline`) and
 * `BATON_HEALTHBOT_JWT_SECRET`, the Health Bot's "App secret" that verifies the patient token
 * `InitConversation` carries. The secret stays on the server (the portal's session
 * endpoint and the handoff server's bot muting); the browser gets a Direct Line token.
 */
export const DEFAULT_DIRECTLINE_DOMAIN = 'https://directline.botframework.com/v3/directline';

export interface DemoBot {
  kind: 'emulator' | 'direct-line';
  /** For the portal's session endpoint. */
  directLineSecret: string;
  /** `…/v3/directline`, as the widget and the session handler take it. */
  directLineDomain: string;
  /** HS256 key of the patient JWT in `InitConversation`. */
  patientTokenSecret: string;
  /** The handoff server's `BATON_DIRECTLINE_ENDPOINT` (the domain without `/v3/directline`). */
  serverEndpoint: string;
  close(): Promise<void>;
}

/**
 * @param demoSecret a secret kept beside the demo's data (used when the env gives none).
 */
export async function startDemoBot(
  env: Record<string, string | undefined>,
  demoSecret: (name: string) => string,
): Promise<DemoBot> {
  const secret = env.BATON_DIRECTLINE_SECRET?.trim();
  if (secret) {
    const domain = (env.BATON_DIRECTLINE_DOMAIN?.trim() || DEFAULT_DIRECTLINE_DOMAIN).replace(
      /\/+$/,
      '',
    );
    if (!/^https?:\/\/[^/]+/.test(domain)) {
      throw new Error('BATON_DIRECTLINE_DOMAIN must be an http(s) URL ending in /v3/directline');
    }
    return {
      kind: 'direct-line',
      directLineSecret: secret,
      directLineDomain: domain,
      patientTokenSecret: env.BATON_HEALTHBOT_JWT_SECRET?.trim() || demoSecret('bot-jwt'),
      serverEndpoint: domain.replace(/\/v3\/directline$/, ''),
      close: async () => {},
    };
  }
  const patientTokenSecret = demoSecret('bot-jwt');
  const emulator = await startDirectLineEmulator({
    patientTokenKey: patientTokenSecret,
    typingDelayMs: 400,
  });
  return {
    kind: 'emulator',
    directLineSecret: emulator.secret,
    directLineDomain: `${emulator.url}/v3/directline`,
    patientTokenSecret,
    serverEndpoint: emulator.url,
    close: () => emulator.close(),
  };
}
