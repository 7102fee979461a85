import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * One demo patient per browser: an opaque id in an HttpOnly cookie (signed, so a visitor
 * cannot take another browser's patient), and a name drawn from a varied list by that id,
 * so two browsers are two patients and a reload is the same one. Nothing is stored.
 */
export const PATIENT_COOKIE = 'riverside_patient';

/** Varied on purpose: the agent console should not show the same "Alex" everywhere. */
export const DEMO_PATIENT_NAMES = [
  'Maya Chen',
  'Youssef Haddad',
  'Léa Martin',
  'Kwame Mensah',
  'Priya Natarajan',
  'Sofia García',
  'Jonas Weber',
  'Aiko Tanaka',
  'Camille Dubois',
  'Omar Farouk',
  'Hannah Schmidt',
  'Mateo Rossi',
  'Zara Ahmed',
  'Liam O’Brien',
  'Ngozi Okeke',
  'Elif Yılmaz',
  'Tomás Silva',
  'Ingrid Larsen',
  'Dmitri Volkov',
  'Amani Njoroge',
] as const;

export interface DemoPatient {
  /** Opaque, never a name or a record number. */
  patientId: string;
  displayName: string;
  /**
   * Where appointment reminders go (the demo's mail catcher keeps them as .eml files). It
   * reaches the handoff server as a trusted token attribute (`attrs`) once the session
   * handler passes attributes: see `sessionIdentity` in server.ts.
   */
  email: string;
}

export function demoPatientFor(id: string): DemoPatient {
  const hash = createHash('sha256').update(`riverside-demo-patient\n${id}`).digest();
  const displayName = DEMO_PATIENT_NAMES[hash.readUInt32BE(0) % DEMO_PATIENT_NAMES.length]!;
  const local = displayName
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .toLowerCase()
    .replace(/ +/g, '.');
  return { patientId: `demo-${id}`, displayName, email: `${local}@patients.riverside.test` };
}

export interface PatientCookies {
  /** The browser's patient, or `null` without a valid cookie. */
  read(request: IncomingMessage): DemoPatient | null;
  /** A new patient and the `Set-Cookie` value that keeps it in this browser. */
  issue(): { patient: DemoPatient; setCookie: string };
}

export function patientCookies(secret: string): PatientCookies {
  const sign = (id: string) =>
    createHmac('sha256', secret).update(id).digest('base64url').slice(0, 22);
  return {
    read(request) {
      for (const part of (request.headers.cookie ?? '').split(';')) {
        const [name, value = ''] = part.trim().split('=');
        if (name !== PATIENT_COOKIE) continue;
        const [id = '', signature = ''] = value.split('.');
        const expected = sign(id);
        if (
          /^[\w-]{16,64}$/.test(id) &&
          signature.length === expected.length &&
          timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
        ) {
          return demoPatientFor(id);
        }
      }
      return null;
    },
    issue() {
      const id = randomBytes(12).toString('base64url');
      return {
        patient: demoPatientFor(id),
        setCookie: `${PATIENT_COOKIE}=${id}.${sign(id)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`,
      };
    },
  };
}
