import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_ACTIONS,
  type ConversationAction,
  canAccessConversation,
  canManageConfiguration,
  visiblePatientAttributes,
} from '../../src/auth/policy';
import type { Principal } from '../../src/auth/principal';
import type { ConversationRecord } from '../../src/storage/records';

const conversation = (id: string, patch: Partial<ConversationRecord>): ConversationRecord => ({
  id,
  patientId: 'p1',
  state: 'bot',
  queue: null,
  priority: 'routine',
  assignedAgentId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null,
  version: 1,
  ...patch,
});

const conversations = {
  bot: conversation('c-bot', {}),
  requested: conversation('c-requested', { state: 'handoff_requested' }),
  queuedMine: conversation('c-queued-general', { state: 'queued', queue: 'general' }),
  queuedOther: conversation('c-queued-billing', { state: 'queued', queue: 'billing' }),
  assignedMe: conversation('c-assigned-a1', {
    state: 'assigned',
    queue: 'general',
    assignedAgentId: 'a1',
  }),
  assignedOther: conversation('c-assigned-a2', {
    state: 'assigned',
    queue: 'general',
    assignedAgentId: 'a2',
  }),
  endedMine: conversation('c-ended', {
    state: 'ended',
    queue: 'general',
    assignedAgentId: 'a1',
    endedAt: '2026-01-02T00:00:00.000Z',
  }),
  otherPatient: conversation('c-other-patient', {
    patientId: 'p2',
    state: 'assigned',
    queue: 'general',
    assignedAgentId: 'a1',
  }),
} as const;
type ConversationKey = keyof typeof conversations;

const staff = (
  id: string,
  roles: ('agent' | 'supervisor' | 'admin')[],
  queues: string[] = [],
): Principal => ({
  kind: 'staff',
  staffId: id,
  displayName: id,
  roles,
  clinical: false,
  queues,
});

const principals = {
  patient: {
    kind: 'patient',
    patientId: 'p1',
    displayName: 'P',
    locale: 'en',
    conversationId: null,
  },
  patientBoundToAssigned: {
    kind: 'patient',
    patientId: 'p1',
    displayName: 'P',
    locale: 'en',
    conversationId: 'c-assigned-a1',
  },
  agent: staff('a1', ['agent'], ['general']),
  supervisor: staff('s1', ['supervisor']),
  admin: staff('ad1', ['admin']),
  noRole: staff('x1', [] as never[], ['general']),
} satisfies Record<string, Principal>;
type PrincipalKey = keyof typeof principals;

const PATIENT: ConversationAction[] = [
  'view',
  'message',
  'end',
  'transcript.view',
  'attachment.view',
];
const QUEUED: ConversationAction[] = ['view', 'transcript.view', 'claim', 'attachment.view'];
const ASSIGNED: ConversationAction[] = [
  'view',
  'message',
  'end',
  'transcript.view',
  'transcript.export',
  'transfer',
  'attachment.view',
];
const ALL_BUT_DELETE = CONVERSATION_ACTIONS.filter((a) => a !== 'delete');
const none: ConversationAction[] = [];

/** The spec, written out: what each principal may do with each conversation. */
const expected: Record<PrincipalKey, Record<ConversationKey, ConversationAction[]>> = {
  patient: {
    bot: PATIENT,
    requested: PATIENT,
    queuedMine: PATIENT,
    queuedOther: PATIENT,
    assignedMe: PATIENT,
    assignedOther: PATIENT,
    endedMine: PATIENT,
    otherPatient: none,
  },
  patientBoundToAssigned: {
    bot: none,
    requested: none,
    queuedMine: none,
    queuedOther: none,
    assignedMe: PATIENT,
    assignedOther: none,
    endedMine: none,
    otherPatient: none,
  },
  agent: {
    bot: none,
    requested: none,
    queuedMine: QUEUED,
    queuedOther: none,
    assignedMe: ASSIGNED,
    assignedOther: none,
    // The last holder keeps a read-only view of her finished conversation.
    endedMine: ['view', 'attachment.view'],
    otherPatient: ASSIGNED,
  },
  supervisor: {
    bot: ALL_BUT_DELETE,
    requested: ALL_BUT_DELETE,
    queuedMine: ALL_BUT_DELETE,
    queuedOther: ALL_BUT_DELETE,
    assignedMe: ALL_BUT_DELETE,
    assignedOther: ALL_BUT_DELETE,
    endedMine: ALL_BUT_DELETE,
    otherPatient: ALL_BUT_DELETE,
  },
  admin: {
    bot: ['delete'],
    requested: ['delete'],
    queuedMine: ['delete'],
    queuedOther: ['delete'],
    assignedMe: ['delete'],
    assignedOther: ['delete'],
    endedMine: ['delete'],
    otherPatient: ['delete'],
  },
  noRole: {
    bot: none,
    requested: none,
    queuedMine: none,
    queuedOther: none,
    assignedMe: none,
    assignedOther: none,
    endedMine: none,
    otherPatient: none,
  },
};

const cases = (Object.keys(principals) as PrincipalKey[]).flatMap((p) =>
  (Object.keys(conversations) as ConversationKey[]).flatMap((c) =>
    CONVERSATION_ACTIONS.map((action) => ({
      p,
      c,
      action,
      allowed: expected[p][c].includes(action),
    })),
  ),
);

describe('canAccessConversation: every role × action × ownership/state', () => {
  it('covers the whole table', () => {
    expect(cases).toHaveLength(6 * 8 * 9);
  });

  it.each(cases)('$p → $c : $action = $allowed', ({ p, c, action, allowed }) => {
    const decision = canAccessConversation(principals[p], conversations[c], action);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toMatch(/^[a-z_]+$/);
  });

  it('gives the reason a patient is turned away', () => {
    expect(canAccessConversation(principals.patient, conversations.otherPatient, 'view')).toEqual({
      allowed: false,
      reason: 'not_own_conversation',
    });
    expect(
      canAccessConversation(principals.patientBoundToAssigned, conversations.bot, 'view'),
    ).toEqual({ allowed: false, reason: 'not_bound_conversation' });
    expect(canAccessConversation(principals.patient, conversations.bot, 'claim')).toEqual({
      allowed: false,
      reason: 'patient_action_forbidden',
    });
  });

  it('lets an agent who is also a supervisor reach everything', () => {
    const both = staff('a9', ['agent', 'supervisor'], []);
    expect(canAccessConversation(both, conversations.queuedOther, 'claim').allowed).toBe(true);
  });
});

describe('canManageConfiguration', () => {
  it.each([
    ['admin', 'config.update', true],
    ['admin', 'config.read', true],
    ['supervisor', 'config.read', true],
    ['supervisor', 'config.update', false],
    ['agent', 'config.read', false],
    ['patient', 'config.read', false],
  ] as const)('%s %s → %s', (who, action, allowed) => {
    expect(canManageConfiguration(principals[who], action).allowed).toBe(allowed);
  });
});

describe('visiblePatientAttributes', () => {
  const attributes = [
    { key: 'plan', value: 'gold', displayable: true, clinical: false },
    { key: 'dx', value: 'asthma', displayable: true, clinical: true },
    { key: 'crmId', value: '991', displayable: false, clinical: false },
  ];
  it('shows clinical attributes only to clinical staff, hidden ones to nobody', () => {
    const clinician = {
      ...(principals.agent as Extract<Principal, { kind: 'staff' }>),
      clinical: true,
    };
    expect(visiblePatientAttributes(principals.agent, attributes).map((a) => a.key)).toEqual([
      'plan',
    ]);
    expect(visiblePatientAttributes(clinician, attributes).map((a) => a.key)).toEqual([
      'plan',
      'dx',
    ]);
    expect(visiblePatientAttributes(principals.supervisor, attributes).map((a) => a.key)).toEqual([
      'plan',
    ]);
    expect(visiblePatientAttributes(principals.patient, attributes).map((a) => a.key)).toEqual([
      'plan',
    ]);
    expect(visiblePatientAttributes(principals.patient, undefined)).toEqual([]);
  });
});
