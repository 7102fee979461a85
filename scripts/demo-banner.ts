/**
 * What `npm start` prints once everything listens: where to go and who to sign in as. Logs
 * are not mixed in (the server writes them to `logFile`, warnings and errors only).
 */
export interface DemoBannerFacts {
  portalUrl: string;
  consoleUrl: string;
  password: string;
  graceSeconds: string;
  queueTimeoutSeconds: string;
  unstaffedFallbackSeconds: string;
  /** Where the business hours come from. */
  businessHours: string;
  mailDir: string;
  slotCount: number;
  dataDir: string;
  logFile: string;
  /** "the emulator's Health Bot simulator" or the Direct Line domain of a real bot. */
  bot: string;
}

export function demoBanner(f: DemoBannerFacts): string {
  return `
Baton demo is running.

  Patient portal:  ${f.portalUrl}   (en français : ${f.portalUrl}fr/)
                   Riverside Health, a demo clinic; each browser is its own demo patient.
                   Open the chat; type "agent" (or "I want to talk to a person") to hand
                   over, or describe chest pain to see the emergency path; answer the
                   symptom card first and the agent sees your answers; hand over a second
                   time and the agent's patient panel lists the earlier conversation.
  Bot:             ${f.bot}
  Agent console:   ${f.consoleUrl}
                   password for everyone: ${f.password}
                     amelie, bruno  agents
                     sam            supervisor (dashboard, Analytics, whisper, barge in)
                     ada            administrator (content, business hours, routing,
                                    retention, escalation settings, audit)
                     nora           administrator (Reminders: undelivered, with retry)
                   During a chat: offer free slots, start a call, transfer, consult a
                   colleague, wrap up with a disposition when ending. An agent who closes
                   the console has ${f.graceSeconds} s to come back before her patients go back to
                   the front of the queue.
  Queue:           ${f.businessHours}
                   nobody signed in: fallback after ${f.unstaffedFallbackSeconds} s; queue timeout ${f.queueTimeoutSeconds} s
  Reminder e-mails: ${f.mailDir} (.eml files, caught locally; nothing is sent out)
  Appointments:    ${f.slotCount} slots in the coming week (the "appointment" fallback books one;
                   Change / Cancel under the confirmation)
  Server log:      ${f.logFile} (warnings and errors)
  Data:            ${f.dataDir} (SQLite; delete the folder to start afresh)

Press Ctrl+C to stop.`;
}
