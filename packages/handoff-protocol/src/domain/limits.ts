// Plain constants, free of zod: browser code (the widget's escalation chunk) imports them
// without pulling in the schemas.

/** Hard bounds of a transcript; normalisation truncates to these and says so. */
export const TRANSCRIPT_LIMITS = {
  maxEntries: 500,
  maxBytes: 256 * 1024,
  maxTextLength: 8000,
} as const;
