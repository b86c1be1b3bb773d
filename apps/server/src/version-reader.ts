// The store's versions for many concurrent requests with as few reads as exactness allows. A request must never
// use a read that started before it arrived (that read may miss a commit the client already saw), so:
//   - no read running → this request starts one;
//   - a read running  → it started too early for this request: wait for the NEXT read, which starts when the
//                       running one ends and serves every request that arrived meanwhile.
// Under load this is about one read per round trip instead of one per request (on PostgreSQL each is a hop to
// another process); an idle server reads exactly once per request as before.
import type { StoreVersions } from "./context.ts";

export class VersionReader {
  #running: Promise<StoreVersions> | null = null;
  /** the read queued behind the running one; not started while it is set */
  #next: Promise<StoreVersions> | null = null;
  #reads = 0;

  constructor(private readonly read: () => Promise<StoreVersions>) {}

  get(): Promise<StoreVersions> {
    if (this.#next !== null) return this.#next;
    if (this.#running === null) return this.#start();
    const settled = this.#running.then(
      () => undefined,
      () => undefined,
    );
    this.#next = settled.then(() => {
      this.#next = null;
      return this.#start();
    });
    return this.#next;
  }

  /** reads started so far (tests) */
  get reads(): number {
    return this.#reads;
  }

  #start(): Promise<StoreVersions> {
    this.#reads++;
    const read = this.read();
    this.#running = read;
    const done = () => {
      if (this.#running === read) this.#running = null;
    };
    read.then(done, done);
    return read;
  }
}
