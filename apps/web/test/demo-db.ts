// Builds an SQLite file with the Chongqing demo (data and the illustrative monitoring plan) and the e2e accounts,
// once per e2e run (in its beforeAll).
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUserAccount, SYSTEM_ACTOR, setUpDemo } from "@ronghe/services";
import { openStore } from "@ronghe/store";

export const E2E_PASSWORD = "e2e-Password-2026";

/** admin on the municipality, data entry on 云阳县, approver on the municipality */
export const E2E_USERS = {
  admin: { username: "e2e_admin", grants: [{ role: "admin" as const, regionCode: "500000" }] },
  entry: { username: "e2e_entry_yy", grants: [{ role: "data-entry" as const, regionCode: "500235" }] },
  approver: { username: "e2e_approver_cq", grants: [{ role: "approver" as const, regionCode: "500000" }] },
};

export async function buildDemoDb(file: string): Promise<void> {
  const tmp = `${file}.building`;
  rmSync(tmp, { force: true });
  const store = await openStore(tmp);
  try {
    await setUpDemo({ store, actor: SYSTEM_ACTOR });
    for (const u of Object.values(E2E_USERS)) {
      await createUserAccount(
        { store, actor: SYSTEM_ACTOR },
        { username: u.username, password: E2E_PASSWORD, grants: u.grants },
      );
    }
  } finally {
    await store.close();
  }
  for (const ext of ["-wal", "-shm"]) rmSync(`${tmp}${ext}`, { force: true });
  renameSync(tmp, file);
}

/** A new temp directory holding an SQLite file with the demo and the e2e accounts. */
export async function freshDemoDb(): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), "rh-web-e2e-"));
  const file = join(dir, "ronghe.db");
  await buildDemoDb(file);
  return { dir, file };
}
