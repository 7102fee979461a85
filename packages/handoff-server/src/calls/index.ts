export type { CallProvider, Meeting, MeetingRequest } from './provider';
export { type TeamsCallOptions, teamsCallProvider } from './teams-graph';
export { type UrlTemplateCallOptions, urlTemplateCallProvider } from './url-template';
