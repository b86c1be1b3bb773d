// Who is acting, and with what store. Every use case takes a ServiceContext and checks scope itself, so the
// server, the CLI and any future surface obey the same rules.
import type { Store } from "@ronghe/store";

export const ROLES = ["admin", "analyst", "data-entry", "approver", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  role: Role;
  /** canonical region code; the grant covers this region's whole subtree */
  regionCode: string;
}

export interface Actor {
  /** "system" for the local CLI operating on its own embedded store */
  kind: "user" | "token" | "system";
  userId: number | null;
  username: string;
  grants: Grant[];
}

/** The local operator of an embedded store: unrestricted, recorded as "system" in revisions and audit. */
export const SYSTEM_ACTOR: Actor = { kind: "system", userId: null, username: "system", grants: [] };

export interface ServiceContext {
  store: Store;
  actor: Actor;
  /** optional progress callback for long work (CLI progress bars, server job progress) */
  progress?: (done: number, total: number, label?: string) => void;
}
