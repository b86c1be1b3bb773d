// Password hashing: argon2id with the library's defaults (m=19 MiB, t=2, p=1; OWASP's minimum profile).
import { hash, verify } from "@node-rs/argon2";
import { RongheError } from "@ronghe/core";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function assertPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new RongheError(
      "invalid_input",
      `password must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
      { field: "password" },
    );
  }
}

/** argon2id PHC string ("$argon2id$v=19$m=19456,t=2,p=1$…"). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // malformed stored hash: treat as a mismatch, never as a crash
  }
}

let dummyHash: Promise<string> | null = null;
/** Spends the same time as a real verification, so unknown usernames cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hash("ronghe-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
}
