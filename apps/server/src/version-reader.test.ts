import { describe, expect, it } from "vitest";
import type { StoreVersions } from "./context.ts";
import { VersionReader } from "./version-reader.ts";

/** A store whose version reads finish only when the test says, each seeing the versions at its start. */
function controlledStore() {
  let data = 1;
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  const read = () =>
    new Promise<StoreVersions>((resolve, reject) => {
      const seen = { data, auth: 1 };
      pending.push({ resolve: () => resolve(seen), reject });
    });
  return {
    read,
    commit: () => {
      data++;
    },
    finishNext: async () => {
      pending.shift()?.resolve();
      await new Promise((r) => setImmediate(r));
    },
    failNext: async () => {
      pending.shift()?.reject(new Error("connection lost"));
      await new Promise((r) => setImmediate(r));
    },
    get waiting() {
      return pending.length;
    },
  };
}

describe("VersionReader", () => {
  it("reads once per request when requests do not overlap", async () => {
    const store = controlledStore();
    const reader = new VersionReader(store.read);
    for (let i = 0; i < 3; i++) {
      const v = reader.get();
      await store.finishNext();
      expect((await v).data).toBe(1);
    }
    expect(reader.reads).toBe(3);
  });

  it("never answers a request with a read that started before it arrived", async () => {
    const store = controlledStore();
    const reader = new VersionReader(store.read);
    const early = reader.get(); // read 1 starts, sees data 1
    store.commit(); // data 2 committed while read 1 runs
    const late = [reader.get(), reader.get(), reader.get()]; // arrived after the commit
    expect(store.waiting).toBe(1); // they wait for the next read, not started yet
    await store.finishNext();
    expect((await early).data).toBe(1);
    expect(store.waiting).toBe(1); // read 2 started only now, after they arrived
    await store.finishNext();
    for (const v of late) expect((await v).data).toBe(2);
    expect(reader.reads).toBe(2); // three late requests, one read
  });

  it("a failed read fails its own requests only; the queued read still runs", async () => {
    const store = controlledStore();
    const reader = new VersionReader(store.read);
    const first = reader.get();
    const queued = reader.get();
    await store.failNext();
    await expect(first).rejects.toThrow("connection lost");
    await store.finishNext();
    expect((await queued).data).toBe(1);
  });
});
