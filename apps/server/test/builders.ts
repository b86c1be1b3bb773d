// Test builders: a small seeded store (a handful of regions, one indicator, a few values), accounts per role,
// and login/token helpers. Tests read like a story: buildWorld() → loginAs("entry") → request.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiToken, createUserAccount, type Grant, type Role, SYSTEM_ACTOR } from "@ronghe/services";
import { type Indicator, openStore, type RegionInput, type Store } from "@ronghe/store";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { describe } from "vitest";
import { buildServer } from "../src/app.ts";

export const PASSWORD = "correct-horse-battery";

/** 云阳县 is the in-scope county; 万州区 (same city) and 北京 (another province) are out of scope. */
export const IN = { county: "500235", township: "500235100", village: "500235100201" } as const;
export const OUT = {
  county: "500101",
  township: "500101001",
  province: "110000",
  district: "110101",
} as const;
/** names and values that must never appear in an answer to a 云阳县-scoped account */
export const SECRETS = ["万州", "高笋塘", "北京", "东城", "98765.4321", "55555.5"] as const;

const REGIONS: RegionInput[] = [
  {
    code: "500000",
    statCode: "500000000000",
    parentCode: null,
    level: "province",
    name: "重庆市",
    lng: 106.55,
    lat: 29.56,
  },
  { code: "500100", statCode: "500100000000", parentCode: "500000", level: "prefecture", name: "市辖区" },
  {
    code: "500101",
    statCode: "500101000000",
    parentCode: "500100",
    level: "county",
    name: "万州区",
    lng: 108.38,
    lat: 30.81,
  },
  {
    code: "500101001",
    statCode: "500101001000",
    parentCode: "500101",
    level: "township",
    name: "高笋塘街道",
    lng: 108.4,
    lat: 30.8,
  },
  { code: "500200", statCode: "500200000000", parentCode: "500000", level: "prefecture", name: "县" },
  {
    code: "500235",
    statCode: "500235000000",
    parentCode: "500200",
    level: "county",
    name: "云阳县",
    lng: 108.7,
    lat: 30.93,
  },
  {
    code: "500235100",
    statCode: "500235100000",
    parentCode: "500235",
    level: "township",
    name: "双江街道",
    lng: 108.69,
    lat: 30.94,
  },
  {
    code: "500235100201",
    statCode: "500235100201",
    parentCode: "500235100",
    level: "village",
    name: "青龙社区",
    lng: 108.7,
    lat: 30.95,
  },
  {
    code: "110000",
    statCode: "110000000000",
    parentCode: null,
    level: "province",
    name: "北京市",
    lng: 116.4,
    lat: 39.9,
  },
  { code: "110100", statCode: "110100000000", parentCode: "110000", level: "prefecture", name: "市辖区" },
  {
    code: "110101",
    statCode: "110101000000",
    parentCode: "110100",
    level: "county",
    name: "东城区",
    lng: 116.42,
    lat: 39.93,
  },
];

export const INDICATOR = "pop_test";
const INDICATORS: Indicator[] = [
  {
    code: INDICATOR,
    nameZh: "测试人口",
    nameEn: "test population",
    unit: "人",
    direction: "+",
    dimension: null,
    role: "whole",
    levels: ["province", "prefecture", "county", "township", "village"],
    aggregation: "none",
    weightIndicator: null,
    formula: null,
    description: null,
    source: null,
    builtin: false,
    notes: null,
  },
];

export const ROLE_USERS: Record<Role, string> = {
  admin: "admin_yy",
  analyst: "analyst_yy",
  "data-entry": "entry_yy",
  approver: "approver_yy",
  viewer: "viewer_yy",
};

export interface World {
  store: Store;
  app: FastifyInstance;
  /** another handle on the same database (buildWorld with `file` on SQLite) */
  reopen(): Promise<Store>;
  close(): Promise<void>;
}

export type StoreKind = "sqlite" | "postgres";

export interface TestStore {
  store: Store;
  /** another handle on the same database, as another process would hold (SQLite: with `file` only) */
  reopen: () => Promise<Store>;
  dispose: () => Promise<void>;
}

/** A fresh store; on SQLite in memory, or with `file` in a temp file that a second handle can open. */
export async function openTestStore(kind: StoreKind, options: { file?: boolean } = {}): Promise<TestStore> {
  if (kind === "sqlite") {
    if (!options.file) {
      const store = await openStore(":memory:");
      return {
        store,
        reopen: () => Promise.reject(new Error("an in-memory store has no second handle")),
        dispose: () => store.close(),
      };
    }
    const dir = mkdtempSync(join(tmpdir(), "ronghe-server-"));
    const path = join(dir, "store.db");
    const store = await openStore(path);
    return {
      store,
      reopen: () => openStore(path),
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.RONGHE_TEST_PG_URL as string;
  const schema = `t_server_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const store = await openStore(url, { schema });
  return {
    store,
    reopen: () => openStore(url, { schema }),
    dispose: async () => {
      await store.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await store.close();
    },
  };
}

/** A seeded store, a role user each granted on 云阳县, a city approver and a city admin, and the app. */
export async function buildWorld(
  kind: StoreKind,
  options: { throttle?: { maxFailuresPerIp?: number }; file?: boolean } = {},
): Promise<World> {
  const { store, reopen, dispose } = await openTestStore(kind, { file: options.file });
  await store.upsertRegions(REGIONS);
  await store.upsertIndicators(INDICATORS);
  await store.writeObservations(
    [
      { regionCode: OUT.county, indicatorCode: INDICATOR, period: 2020, value: 98765.4321 },
      { regionCode: OUT.district, indicatorCode: INDICATOR, period: 2020, value: 55555.5 },
      { regionCode: IN.county, indicatorCode: INDICATOR, period: 2020, value: 1000 },
      { regionCode: IN.township, indicatorCode: INDICATOR, period: 2020, value: 200 },
    ],
    { author: "seed", reason: "seed" },
  );
  for (const [role, username] of Object.entries(ROLE_USERS) as Array<[Role, string]>) {
    await buildUser(store, username, [{ role, regionCode: IN.county }]);
  }
  await buildUser(store, "approver_cq", [{ role: "approver", regionCode: "500000" }]);
  await buildUser(store, "admin_cq", [{ role: "admin", regionCode: "500000" }]);
  const app = buildServer({ store, throttle: options.throttle });
  await app.ready();
  return {
    store,
    app,
    reopen,
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}

export async function buildUser(
  store: Store,
  username: string,
  grants: Grant[],
  displayName?: string,
): Promise<void> {
  await createUserAccount(
    { store, actor: SYSTEM_ACTOR },
    { username, password: PASSWORD, grants, displayName },
  );
}

export interface Login {
  cookie: string;
  csrf: string;
  /** headers for a cookie-authenticated write */
  write: Record<string, string>;
  read: Record<string, string>;
}

export async function loginAs(app: FastifyInstance, username: string, password = PASSWORD): Promise<Login> {
  const res = await app.inject({ method: "POST", url: "/api/session", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, read: { cookie }, write: { cookie, "x-csrf-token": csrf } };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === "ronghe_session");
  if (!c) throw new Error("no session cookie");
  return `ronghe_session=${c.value}`;
}

export async function tokenFor(
  store: Store,
  username: string,
  narrow: { role?: Role; regionCode?: string } = {},
): Promise<string> {
  const { token } = await createApiToken(
    { store, actor: SYSTEM_ACTOR },
    { name: `t-${username}`, username, ...narrow },
  );
  return token;
}

/** Runs a suite on SQLite, and on PostgreSQL when RONGHE_TEST_PG_URL is set (skipped with a clear title otherwise). */
export function describeOnStores(title: string, body: (kind: StoreKind) => void): void {
  describe(`${title} [sqlite]`, () => body("sqlite"));
  if (process.env.RONGHE_TEST_PG_URL) describe(`${title} [postgres]`, () => body("postgres"));
  else describe.skip(`${title} [postgres: skipped, set RONGHE_TEST_PG_URL to run]`, () => body("postgres"));
}

/** Serialized body text of a response, for leak checks. */
export function leaks(body: string): string[] {
  return SECRETS.filter((s) => body.includes(s));
}
