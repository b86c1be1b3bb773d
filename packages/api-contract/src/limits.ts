// Limits shared by the server (enforced) and the web app (shown in forms). One place, so they cannot drift.
export const LIMITS = {
  /** JSON request bodies, bytes */
  jsonBodyBytes: 2 * 1024 * 1024,
  /** one uploaded import file, bytes */
  uploadBytes: 20 * 1024 * 1024,
  /** observations in one POST /api/observations */
  observationsPerWrite: 10_000,
  /** free-text fields: reason, note, source, names */
  shortText: 200,
  longText: 2000,
  usernameMin: 2,
  usernameMax: 64,
  passwordMin: 10,
  passwordMax: 256,
  pageMax: 1000,
} as const;
