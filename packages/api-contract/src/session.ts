import { z } from "zod";
import { GrantSchema } from "./common.ts";
import { LIMITS } from "./limits.ts";

export const LoginBodySchema = z.object({
  username: z.string().min(1).max(LIMITS.usernameMax),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const SessionUserSchema = z.object({
  username: z.string(),
  displayName: z.string().nullable(),
  grants: z.array(GrantSchema),
});

export const SessionResponseSchema = z.object({
  user: SessionUserSchema,
  /** send back in `x-csrf-token` on every cookie-authenticated write */
  csrfToken: z.string(),
  /** "cookie" or "token" */
  via: z.enum(["cookie", "token"]),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
