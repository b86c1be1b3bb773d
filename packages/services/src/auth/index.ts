export { actorForUser, grantsOf, isRole } from "./actor-for-user.ts";
export type { CreatedToken, CreateTokenInput, ResolvedApiToken } from "./api-tokens.ts";
export {
  createApiToken,
  findApiToken,
  listApiTokens,
  recordApiTokenUse,
  resolveApiToken,
  revokeApiToken,
} from "./api-tokens.ts";
export type { LoginInput, LoginResult } from "./login.ts";
export { LOCKOUT_MS, LOCKOUT_THRESHOLD, login, SESSION_TTL_MS } from "./login.ts";
export type { LoginThrottleOptions } from "./login-throttle.ts";
export { LoginThrottle } from "./login-throttle.ts";
export { narrowGrants, roleWithin } from "./narrow-grants.ts";
export {
  assertPasswordPolicy,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyPassword,
} from "./password.ts";
export { API_TOKEN_PREFIX, randomSecret, safeEqual, sha256Hex } from "./secrets.ts";
export type { ResolvedSession } from "./session.ts";
export { logout, resolveSession } from "./session.ts";
export type { CreateUserInput, UserView } from "./users.ts";
export {
  createUserAccount,
  grantRole,
  listUserAccounts,
  normaliseGrants,
  requireUser,
  USERNAME_PATTERN,
} from "./users.ts";
