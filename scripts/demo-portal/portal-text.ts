/**
 * The demo portal's words, in English and French (the widget follows the page's `lang`).
 * Plain strings only: pages.ts escapes what it inserts.
 */
export type PortalLocale = 'en' | 'fr';

export type SectionKey = 'home' | 'appointments' | 'messages' | 'results' | 'prescriptions';

export interface PortalText {
  lang: PortalLocale;
  clinic: string;
  portal: string;
  skip: string;
  signedInAs: string;
  otherLanguage: { label: string; lang: PortalLocale; href: string };
  navLabel: string;
  sections: Record<SectionKey, { label: string; path: string }>;
  chatTitle: string;
  chatButton: string;
  welcome: (firstName: string) => string;
  homeIntro: string;
  nextAppointment: string;
  nextAppointmentWith: string;
  manageAppointments: string;
  messagesCard: string;
  messagesNone: string;
  helpCard: string;
  helpText: string;
  hoursTitle: string;
  hours: [string, string][];
  appointmentsIntro: string;
  upcoming: string;
  bookTitle: string;
  bookText: string;
  bookButton: string;
  beforeTitle: string;
  beforeItems: string[];
  cancelPolicy: string;
  notInDemo: string;
  emergency: string;
  footer: string;
  locales: string;
}

export const PORTAL_TEXT: Record<PortalLocale, PortalText> = {
  en: {
    lang: 'en',
    clinic: 'Riverside Health',
    portal: 'Patient portal',
    skip: 'Skip to content',
    signedInAs: 'Signed in as',
    otherLanguage: { label: 'Français', lang: 'fr', href: '/fr/' },
    navLabel: 'Main',
    sections: {
      home: { label: 'Home', path: '/' },
      appointments: { label: 'Appointments', path: '/appointments' },
      messages: { label: 'Messages', path: '/messages' },
      results: { label: 'Test results', path: '/results' },
      prescriptions: { label: 'Prescriptions', path: '/prescriptions' },
    },
    chatTitle: 'Riverside assistant',
    chatButton: 'Ask the assistant',
    welcome: (name) => `Welcome back, ${name}`,
    homeIntro: 'Your care at Main St and Riverside clinics, in one place.',
    nextAppointment: 'Your next appointment',
    nextAppointmentWith: 'Dr. Amara Osei, general practice, Main St clinic',
    manageAppointments: 'Manage appointments',
    messagesCard: 'Messages',
    messagesNone: 'No new messages from your care team.',
    helpCard: 'Questions about your care?',
    helpText:
      'Our assistant answers day and night. During opening hours a nurse or a receptionist can join the chat.',
    hoursTitle: 'Opening hours',
    hours: [
      ['Monday to Friday', '8:00 to 18:00'],
      ['Saturday', '9:00 to 12:00'],
      ['Sunday and public holidays', 'closed'],
    ],
    appointmentsIntro: 'See, book, change or cancel your visits.',
    upcoming: 'Upcoming',
    bookTitle: 'Book, change or cancel',
    bookText:
      'Ask the assistant for an appointment: it offers the free slots of our clinicians and books the one you choose. Every confirmation has links to change or cancel it.',
    bookButton: 'Book with the assistant',
    beforeTitle: 'Before your visit',
    beforeItems: [
      'Bring your health insurance card and the list of your current medicines.',
      'Arrive ten minutes early for a first visit.',
      'Fasting is needed only if your clinician asked for it.',
    ],
    cancelPolicy: 'Please cancel at least 24 hours ahead so another patient can have the slot.',
    notInDemo: 'This part of the portal is not in the demo. The chat works on every page.',
    emergency: 'In an emergency, call 911.',
    footer: 'Riverside Health is a demonstration portal for Baton. No real patient data.',
    locales: 'Language',
  },
  fr: {
    lang: 'fr',
    clinic: 'Riverside Santé',
    portal: 'Espace patient',
    skip: 'Aller au contenu',
    signedInAs: 'Connecté·e en tant que',
    otherLanguage: { label: 'English', lang: 'en', href: '/' },
    navLabel: 'Principal',
    sections: {
      home: { label: 'Accueil', path: '/fr/' },
      appointments: { label: 'Rendez-vous', path: '/fr/rendez-vous' },
      messages: { label: 'Messages', path: '/fr/messages' },
      results: { label: 'Résultats', path: '/fr/resultats' },
      prescriptions: { label: 'Ordonnances', path: '/fr/ordonnances' },
    },
    chatTitle: 'Assistant Riverside',
    chatButton: 'Poser une question',
    welcome: (name) => `Bonjour ${name}`,
    homeIntro: 'Vos soins aux cabinets Main St et Riverside, au même endroit.',
    nextAppointment: 'Votre prochain rendez-vous',
    nextAppointmentWith: 'Dr Amara Osei, médecine générale, cabinet Main St',
    manageAppointments: 'Gérer mes rendez-vous',
    messagesCard: 'Messages',
    messagesNone: 'Aucun nouveau message de votre équipe soignante.',
    helpCard: 'Une question sur vos soins ?',
    helpText:
      'Notre assistant répond jour et nuit. Aux heures d’ouverture, une infirmière ou un secrétaire peut rejoindre la discussion.',
    hoursTitle: 'Horaires',
    hours: [
      ['Du lundi au vendredi', '8 h à 18 h'],
      ['Samedi', '9 h à 12 h'],
      ['Dimanche et jours fériés', 'fermé'],
    ],
    appointmentsIntro: 'Consultez, prenez, déplacez ou annulez vos rendez-vous.',
    upcoming: 'À venir',
    bookTitle: 'Prendre, déplacer ou annuler',
    bookText:
      'Demandez un rendez-vous à l’assistant : il propose les créneaux libres de nos soignants et réserve celui que vous choisissez. Chaque confirmation contient des liens pour le déplacer ou l’annuler.',
    bookButton: 'Prendre rendez-vous',
    beforeTitle: 'Avant votre visite',
    beforeItems: [
      'Apportez votre carte Vitale et la liste de vos médicaments.',
      'Arrivez dix minutes en avance pour une première visite.',
      'Le jeûne n’est nécessaire que si votre soignant l’a demandé.',
    ],
    cancelPolicy: 'Merci d’annuler au moins 24 heures à l’avance pour libérer le créneau.',
    notInDemo:
      'Cette partie du portail n’est pas dans la démo. La discussion marche sur chaque page.',
    emergency: 'En cas d’urgence, appelez le 15 ou le 112.',
    footer: 'Riverside Santé est un portail de démonstration de Baton. Aucune donnée réelle.',
    locales: 'Langue',
  },
};
