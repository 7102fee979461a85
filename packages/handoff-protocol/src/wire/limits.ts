/** Bounds applied before schema validation, so hostile input costs little. */
export const WIRE_LIMITS = {
  /** Longest frame accepted as a string, in UTF-16 code units (about 1 MiB of ASCII). */
  maxFrameChars: 1024 * 1024,
  /** Deepest nesting of objects and arrays. Adaptive Cards stay well under it. */
  maxDepth: 64,
  /** Most objects, arrays and values in one frame. */
  maxNodes: 200_000,
} as const;

/** Keys refused anywhere in a frame: they rewrite prototypes when copied naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);
