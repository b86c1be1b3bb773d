// Wraps a store so that every method (a) maps driver constraint errors to RongheError and (b) optionally runs
// under a lock. SQLite has one connection: without the lock, a call made while another caller's transaction is
// open would silently join that transaction. Calls made from inside the lock holder's own async context (e.g. a
// service that used the outer store inside `transaction`) run at once instead of deadlocking.
import { AsyncLocalStorage } from "node:async_hooks";
import { translateDbError } from "./db-errors.ts";
import type { Store } from "./store.ts";

export interface Lock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export function createLock(): Lock {
  const holder = new AsyncLocalStorage<Lock>();
  let tail: Promise<unknown> = Promise.resolve();
  const lock: Lock = {
    run<T>(fn: () => Promise<T>): Promise<T> {
      if (holder.getStore() === lock) return fn();
      const result = tail.then(() => holder.run(lock, fn));
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
  return lock;
}

export function guardStore(inner: Store, lock: Lock | null): Store {
  return new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const call = async () => {
          try {
            return await value.apply(target, args);
          } catch (error) {
            throw translateDbError(error);
          }
        };
        return lock ? lock.run(call) : call();
      };
    },
  });
}
