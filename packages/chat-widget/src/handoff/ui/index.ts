/**
 * The handoff UI chunk, loaded beside the transport chunk (`../client`). It also carries
 * `tokenClaims`, which only the widget needs, to keep the transport within its size budget.
 */

export { tokenClaims } from '../token';
export { HandoffPanel } from './Panel';
export { HandoffBanner, statusText } from './Status';
export { handoffStringsFor } from './strings';
export { HANDOFF_CSS } from './styles';
export { HandoffThread } from './Thread';
