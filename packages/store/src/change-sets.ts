// Change sets (migration 0005): the provenance that every revision made by one write or one status change shares
// (time, author, kind of change, reason, source file, import id) is stored once in `observation_changes`, and each
// revision row points to it by change_id. A row keeps its own source file only where it differs from its change
// set's, so the file a revision reads is COALESCE(source_file_override, the change set's source_file).
import type { RevisionChange, StatusMeta, WriteMeta } from "./store.ts";

export interface ChangeSet {
  at: string;
  author: string;
  change: RevisionChange;
  reason: string | null;
  sourceFile: string | null;
  importId: string | null;
}

/** The change set of one writeObservations call. */
export function valueChangeSet(meta: WriteMeta, at: string): ChangeSet {
  return {
    at,
    author: meta.author,
    change: "value",
    reason: meta.reason ?? null,
    sourceFile: meta.sourceFile ?? null,
    importId: meta.importId ?? null,
  };
}

/** The change set of one setObservationStatus call: a status revision has no source file, row or import. */
export function statusChangeSet(meta: StatusMeta, at: string): ChangeSet {
  return {
    at,
    author: meta.author,
    change: "status",
    reason: meta.reason ?? null,
    sourceFile: null,
    importId: null,
  };
}

/** The values of INSERT INTO observation_changes (CHANGE_SET_COLUMNS). */
export const CHANGE_SET_COLUMNS = "at, author, change, reason, source_file, import_id";

export function changeSetValues(
  set: ChangeSet,
): [string, string, string, string | null, string | null, string | null] {
  return [set.at, set.author, set.change, set.reason, set.sourceFile, set.importId];
}

/**
 * A row's source_file_override: NULL where its source file is its change set's. A row without a file of its own
 * has the write's (ObservationInput.sourceFile overrides WriteMeta.sourceFile).
 */
export function sourceFileOverride(
  rowFile: string | null | undefined,
  setFile: string | null,
): string | null {
  const file = rowFile ?? setFile;
  return file === setFile ? null : file;
}
