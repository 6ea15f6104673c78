// Limits on what a connection may hold, shared by validation and the stored and file shapes (kept apart so the
// schemas need not import validation, which imports the connection types inferred from them).
export const MAX_NAME_LENGTH = 10_000;
export const MAX_TIMEOUT_SECONDS = 600;
/** The largest context window or output limit a connection may claim for its model. */
export const MAX_CAPABILITY_TOKENS = 10_000_000;
