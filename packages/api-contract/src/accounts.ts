import { z } from "zod";
import { GrantSchema, RegionCodeSchema, RoleSchema } from "./common.ts";
import { LIMITS } from "./limits.ts";

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(GrantSchema),
});
export const UserListSchema = z.object({ items: z.array(UserSchema) });

export const CreateUserBodySchema = z.object({
  username: z.string().min(LIMITS.usernameMin).max(LIMITS.usernameMax),
  password: z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax),
  displayName: z.string().max(LIMITS.shortText).optional(),
  grants: z
    .array(z.object({ role: RoleSchema, regionCode: RegionCodeSchema }))
    .min(1)
    .max(100),
});

export const GrantBodySchema = z.object({ role: RoleSchema, regionCode: RegionCodeSchema });
export const UsernameParamsSchema = z.object({ username: z.string().min(1).max(LIMITS.usernameMax) });

export const CreateTokenBodySchema = z.object({
  name: z.string().min(1).max(LIMITS.shortText),
  role: RoleSchema.optional(),
  regionCode: RegionCodeSchema.optional(),
});
export const CreatedTokenSchema = z.object({
  id: z.string(),
  /** the raw token, shown once */
  token: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  regionCode: z.string().nullable(),
});
export const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  regionCode: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const TokenListSchema = z.object({ items: z.array(TokenSchema) });
export const TokenParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const AuditQuerySchema = z.object({
  actor: z.string().max(LIMITS.usernameMax).optional(),
  action: z.string().max(LIMITS.shortText).optional(),
  region: RegionCodeSchema.optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageMax).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorKind: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) });
