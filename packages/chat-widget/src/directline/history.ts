import type { Activity } from './activity';

const DEFAULT_DOMAIN = 'https://directline.botframework.com/v3/directline';

/** One page of the conversation's history, for a resume after a reload (best effort). */
export async function fetchHistory(
  domain: string | undefined,
  conversationId: string,
  token: string,
): Promise<{ activities: Activity[]; watermark?: string } | null> {
  try {
    const response = await fetch(
      `${domain ?? DEFAULT_DOMAIN}/conversations/${encodeURIComponent(conversationId)}/activities`,
      { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
    );
    if (!response.ok) return null;
    const body = (await response.json()) as { activities?: unknown; watermark?: unknown };
    return {
      activities: Array.isArray(body.activities) ? (body.activities as Activity[]) : [],
      ...(typeof body.watermark === 'string' ? { watermark: body.watermark } : {}),
    };
  } catch {
    return null; // the stream still connects; the patient just sees no earlier messages
  }
}
