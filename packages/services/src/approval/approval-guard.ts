// A Store whose observation writes (also inside transactions) first check `assertEditable`, so every use case
// run through it (form writes, imports, anything later) obeys the approval workflow without knowing about it.
import type { ObservationInput, Store, WriteMeta } from "@ronghe/store";
import { assertEditable } from "./assert-editable.ts";

const GUARDED = Symbol("approvalGuard");

export function withApprovalGuard(store: Store): Store {
  if ((store as unknown as Record<symbol, unknown>)[GUARDED]) return store;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === GUARDED) return true;
      if (prop === "writeObservations") {
        return async (rows: readonly ObservationInput[], meta: WriteMeta) => {
          if (rows.length === 0) return target.writeObservations(rows, meta);
          return target.transaction(async (tx) => {
            await assertEditable(tx, rows);
            return tx.writeObservations(rows, meta);
          });
        };
      }
      if (prop === "transaction") {
        return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(withApprovalGuard(tx)));
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
