// The ordered migration list, the same for both dialects. Append only.
import { initial } from "./0001-initial.ts";
import { dataVersion } from "./0002-data-version.ts";
import { authVersion } from "./0003-auth-version.ts";
import { currentRevision } from "./0004-current-revision.ts";
import { changeSets } from "./0005-change-sets.ts";
import type { Migration } from "./migration.ts";

export const MIGRATIONS: readonly Migration[] = [
  initial,
  dataVersion,
  authVersion,
  currentRevision,
  changeSets,
];
