export { safeHref, safeImageSrc } from '@baton/handoff-protocol';
