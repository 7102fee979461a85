export { IMAGE_SCHEMES, LINK_SCHEMES, safeHref, safeImageSrc } from '@baton/handoff-protocol';
