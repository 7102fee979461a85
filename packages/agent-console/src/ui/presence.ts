/** What an agent may choose; `busy` is the server's to report. */
export const AGENT_PRESENCE_CHOICES = ['available', 'away', 'offline'] as const;
