import { writeFileSync } from 'node:fs';
import type { ContentDraft } from '@baton/handoff-protocol';

type Seed = ContentDraft & { id: string };

/**
 * What the demo's agents find in the console: canned responses, a script, articles, a macro.
 * Written to a file and handed to the server as `BATON_CONTENT_FILE`, as an operator would.
 */
export const DEMO_CONTENT: readonly Seed[] = [
  {
    id: 'demo-greeting',
    kind: 'canned',
    queue: null,
    title: 'Greeting',
    shortcut: 'hello',
    body: 'Hello {patient.firstName}, I am {agent.name} from the patient service center. How can I help you today?',
  },
  {
    id: 'demo-one-moment',
    kind: 'canned',
    queue: null,
    title: 'One moment',
    shortcut: 'wait',
    body: 'Thank you, {patient.firstName}. Please give me a moment while I check your file.',
  },
  {
    id: 'demo-emergency',
    kind: 'canned',
    queue: 'general',
    title: 'Emergency advice',
    shortcut: 'urgent',
    body: 'If your symptoms are severe or getting worse, **call your local emergency number now** (112 or 911). Do not wait for this chat.',
  },
  {
    id: 'demo-goodbye',
    kind: 'canned',
    queue: null,
    title: 'Closing',
    shortcut: 'bye',
    body: 'Is there anything else I can help you with, {patient.firstName}? Take care.',
  },
  {
    id: 'demo-triage-script',
    kind: 'script',
    queue: 'general',
    title: 'Triage call',
    body: '',
    steps: [
      {
        label: 'Greet',
        text: 'Hello {patient.firstName}, I am {agent.name}. I have read your conversation with our assistant.',
      },
      { label: 'Identity', text: 'Could you confirm your date of birth, please?' },
      { label: 'Symptoms', text: 'When did the symptoms start, and have they changed since?' },
      {
        label: 'Red flags',
        text: 'Do you have chest pain, trouble breathing, or weakness on one side of the body?',
      },
      {
        label: 'Next step',
        text: 'I can book you an appointment or arrange a call back from a nurse. Which do you prefer?',
      },
    ],
  },
  {
    id: 'demo-article-hours',
    kind: 'article',
    queue: null,
    title: 'Opening hours and phone lines',
    body: 'The patient service center answers Monday to Friday, 8:00 to 18:00. Out of hours, patients can leave a message or request a call back; emergencies go to the local emergency number.',
    tags: ['hours', 'phone', 'callback'],
    link: 'https://example.org/contact',
  },
  {
    id: 'demo-article-results',
    kind: 'article',
    queue: null,
    title: 'Lab results in the portal',
    body: 'Lab results appear in the portal under "My results" once a clinician has reviewed them, usually within 3 working days.',
    tags: ['results', 'portal', 'lab'],
    link: 'https://example.org/portal/results',
  },
  {
    id: 'demo-article-prescriptions',
    kind: 'article',
    queue: null,
    title: 'Prescription renewals',
    body: 'Renewals are requested in the portal under "Prescriptions". The clinic answers within 2 working days; urgent renewals go through the pharmacy.',
    tags: ['prescription', 'medication', 'pharmacy'],
  },
  {
    id: 'demo-article-parking',
    kind: 'article',
    queue: null,
    title: 'Getting to the hospital',
    body: 'Visitor parking is in car park B (entrance on Station Road). The main entrance has step-free access; wheelchairs are available at reception.',
    tags: ['parking', 'access', 'directions'],
    link: 'https://example.org/visit',
  },
  {
    id: 'demo-wrap-up',
    kind: 'macro',
    queue: null,
    title: 'Wrap up with survey',
    body: '',
    actions: [
      {
        kind: 'message',
        text: 'Thank you for contacting us, {patient.firstName}. I am closing this chat now; a short survey follows.',
      },
      { kind: 'survey' },
      { kind: 'end', reason: 'resolved' },
    ],
  },
];

/** Writes the demo content file (`{ "items": [...] }`). */
export function writeDemoContent(file: string): void {
  writeFileSync(file, `${JSON.stringify({ items: DEMO_CONTENT }, null, 2)}\n`);
}
