// The hostile access matrix: every role, via cookie and via bearer token, against every endpoint, for regions
// inside (云阳县 500235) and outside (万州区 500101, 北京 110000/110101, the city 500000 above the grant) its
// subtree. Out of scope: 403/404 (or an empty list), never a name, value or count, and nothing written.
import { ROLES, type Role, recordAudit, SYSTEM_ACTOR } from "@ronghe/services";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  buildUser,
  buildWorld,
  describeOnStores,
  IN,
  INDICATOR,
  leaks,
  loginAs,
  OUT,
  ROLE_USERS,
  tokenFor,
  type World,
} from "./builders.ts";

interface Principal {
  label: string;
  role: Role;
  read: Record<string, string>;
  write: Record<string, string>;
}

const OUT_CODES = [OUT.county, OUT.district, "500000"];

function csvUpload(
  rows: string[],
  fileName = "data.csv",
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----ronghe-test-boundary";
  const text = ["region_code,indicator,period,value", ...rows].join("\n");
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\nlong\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n` +
      `--${boundary}--\r\n`,
  );
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describeOnStores("hostile access matrix", (kind) => {
  let w: World;
  const principals: Principal[] = [];
  let foreignTokenId = "";
  let foreignJobId = "";

  beforeAll(async () => {
    w = await buildWorld(kind);
    // Someone in 万州区 with an account, a token, an audit entry and a job: none of it may show up.
    await buildUser(w.store, "wanzhou_clerk", [{ role: "admin", regionCode: OUT.county }], "万州录入员");
    const { createApiToken } = await import("@ronghe/services");
    foreignTokenId = (
      await createApiToken(
        { store: w.store, actor: SYSTEM_ACTOR },
        { name: "万州令牌", username: "wanzhou_clerk" },
      )
    ).record.id;
    await recordAudit(w.store, SYSTEM_ACTOR, {
      action: "observations.write",
      regionCode: OUT.county,
      after: { name: "万州区", value: 98765.4321 },
    });
    foreignJobId = (
      await w.store.createJob({ kind: "evaluation", actor: "wanzhou_clerk", message: "万州评价" })
    ).id;
    for (const role of ROLES) {
      const username = ROLE_USERS[role];
      const login = await loginAs(w.app, username);
      principals.push({ label: `${role} via cookie`, role, read: login.read, write: login.write });
      const token = await tokenFor(w.store, username);
      const auth = { authorization: `Bearer ${token}` };
      principals.push({ label: `${role} via token`, role, read: auth, write: auth });
    }
  });
  afterAll(async () => w?.close());

  const outReads = (): string[] => {
    const urls: string[] = [];
    for (const code of OUT_CODES) {
      urls.push(
        `/api/regions/${code}`,
        `/api/regions/${code}/children`,
        `/api/regions/${code}/children?level=village`,
        `/api/regions/${code}/ancestors`,
        `/api/regions/${code}/features`,
        `/api/regions/search?q=${encodeURIComponent("街道")}&within=${code}`,
        `/api/observations?region=${code}`,
        `/api/observations?region=${code}&level=county&indicators=${INDICATOR}`,
        `/api/observations/columns?region=${code}`,
        `/api/observations/columns?region=${code}&level=county&indicators=${INDICATOR}`,
        `/api/observations/history?region=${code}&indicator=${INDICATOR}&period=2020`,
        `/api/exports?region=${code}&format=csv`,
        `/api/exports?region=${code}&format=json`,
        `/api/audit?region=${code}`,
        `/api/evaluations?region=${code}`,
      );
    }
    urls.push(`/api/jobs/${foreignJobId}`, "/api/jobs/does-not-exist");
    return urls;
  };

  /** Endpoints that list things: they answer 200 for everyone allowed, with only in-scope items. */
  const listReads = [
    `/api/regions/search?q=${encodeURIComponent("万州")}`,
    `/api/regions/search?q=${encodeURIComponent("区")}`,
    `/api/regions/search?q=${encodeURIComponent("市")}`,
    "/api/approvals/inbox",
    "/api/audit",
    "/api/users",
    "/api/tokens",
    "/api/evaluations",
    "/api/indicators",
    `/api/regions/${IN.county}/ancestors`,
    `/api/observations?region=${IN.county}&level=village`,
    `/api/observations/columns?region=${IN.county}&level=village`,
  ];

  it("zero out-of-scope reads: 403/404 without names, values or counts", async () => {
    const failures: string[] = [];
    for (const p of principals) {
      for (const url of outReads()) {
        const res = await w.app.inject({ method: "GET", url, headers: p.read });
        const bad = leaks(res.body);
        if (![403, 404].includes(res.statusCode) || bad.length > 0 || /"total"/.test(res.body)) {
          failures.push(`${p.label} GET ${url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
      for (const url of listReads) {
        const res = await w.app.inject({ method: "GET", url, headers: p.read });
        const bad = leaks(res.body);
        if (bad.length > 0 || res.body.includes("wanzhou_clerk") || ![200, 403].includes(res.statusCode)) {
          failures.push(
            `${p.label} GET ${url} → ${res.statusCode} leaks ${bad.join(",")} ${res.body.slice(0, 160)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("in-scope reads work for every role", async () => {
    for (const p of principals) {
      for (const url of [
        `/api/regions/${IN.county}`,
        `/api/regions/${IN.county}/children`,
        `/api/regions/${IN.county}/features?level=township`,
        `/api/observations?region=${IN.county}&indicators=${INDICATOR}`,
        `/api/observations/columns?region=${IN.county}&indicators=${INDICATOR}`,
        `/api/observations/history?region=${IN.county}&indicator=${INDICATOR}&period=2020`,
      ]) {
        const res = await w.app.inject({ method: "GET", url, headers: p.read });
        expect(res.statusCode, `${p.label} ${url} ${res.body}`).toBe(200);
      }
      const obs = await w.app.inject({
        method: "GET",
        url: `/api/observations?region=${IN.county}&indicators=${INDICATOR}&from=2020&to=2020`,
        headers: p.read,
      });
      expect(obs.json().items.find((o: { regionCode: string }) => o.regionCode === IN.county)?.value).toBe(
        1000,
      );
    }
  });

  it("admin-only reads: audit and users answer 403 to the other roles and show only the subtree to admins", async () => {
    for (const p of principals) {
      for (const url of ["/api/audit", "/api/users"]) {
        const res = await w.app.inject({ method: "GET", url, headers: p.read });
        expect(res.statusCode, `${p.label} ${url}`).toBe(p.role === "admin" ? 200 : 403);
      }
    }
    const admin = principals.find((p) => p.role === "admin") as Principal;
    const users = (await w.app.inject({ method: "GET", url: "/api/users", headers: admin.read })).json()
      .items as Array<{ username: string }>;
    expect(users.map((u) => u.username).sort()).toEqual(Object.values(ROLE_USERS).sort());
  });

  it("zero out-of-scope writes: every write route refuses, and nothing changes in the store", async () => {
    const before = {
      wanzhou: await w.store.observationHistory(OUT.county, INDICATOR, 2020),
      dongcheng: await w.store.observationHistory(OUT.district, INDICATOR, 2020),
      users: (await w.store.listUsers()).length,
      foreignTokens: await w.store.listApiTokens((await w.store.getUserByUsername("wanzhou_clerk"))!.id),
    };
    const failures: string[] = [];
    for (const p of principals) {
      for (const code of OUT_CODES) {
        const writes: Array<{ method: "POST" | "DELETE"; url: string; payload?: unknown }> = [
          {
            method: "POST",
            url: "/api/observations",
            payload: {
              items: [{ regionCode: code, indicator: INDICATOR, period: 2020, value: 1 }],
              reason: "x",
            },
          },
          {
            method: "POST",
            url: "/api/observations",
            payload: {
              items: [
                { regionCode: IN.village, indicator: INDICATOR, period: 2020, value: 1 },
                { regionCode: code, indicator: INDICATOR, period: 2020, value: 2 },
              ],
              reason: "mixed",
            },
          },
          { method: "POST", url: "/api/approvals/submit", payload: { regionCode: code, period: 2020 } },
          { method: "POST", url: "/api/approvals/approve", payload: { regionCode: code, period: 2020 } },
          { method: "POST", url: "/api/approvals/unapprove", payload: { regionCode: code, period: 2020 } },
          {
            method: "POST",
            url: "/api/users",
            payload: {
              username: `x${code}`,
              password: "long-enough-pw",
              grants: [{ role: "admin", regionCode: code }],
            },
          },
          {
            method: "POST",
            url: "/api/users/wanzhou_clerk/grants",
            payload: { role: "admin", regionCode: code },
          },
          { method: "POST", url: "/api/tokens", payload: { name: "wide", regionCode: code } },
          { method: "POST", url: "/api/evaluations", payload: { scheme: { region: code } } },
          { method: "DELETE", url: `/api/tokens/${foreignTokenId}` },
        ];
        for (const req of writes) {
          const res = await w.app.inject({
            method: req.method,
            url: req.url,
            headers: p.write,
            payload: req.payload as never,
          });
          if (![400, 403, 404].includes(res.statusCode) || leaks(res.body).length > 0) {
            failures.push(
              `${p.label} ${req.method} ${req.url} ${JSON.stringify(req.payload)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
          }
        }
        const upload = csvUpload([`${code},${INDICATOR},2020,5`]);
        const imp = await w.app.inject({
          method: "POST",
          url: "/api/imports",
          headers: { ...p.write, ...upload.headers },
          payload: upload.payload,
        });
        if (![403, 404, 422].includes(imp.statusCode) || leaks(imp.body).length > 0) {
          failures.push(`${p.label} import ${code} → ${imp.statusCode} ${imp.body.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await w.store.observationHistory(OUT.county, INDICATOR, 2020)).toEqual(before.wanzhou);
    expect(await w.store.observationHistory(OUT.district, INDICATOR, 2020)).toEqual(before.dongcheng);
    expect((await w.store.listUsers()).length).toBe(before.users);
    const foreignNow = await w.store.listApiTokens((await w.store.getUserByUsername("wanzhou_clerk"))!.id);
    expect(foreignNow).toEqual(before.foreignTokens);
    // the mixed write was refused as a whole: the in-scope half was not written either
    expect(await w.store.observationHistory(IN.village, INDICATOR, 2020)).toEqual([]);
  });

  it("in-scope writes follow the role: data entry and admin write, others are refused", async () => {
    let period = 2001;
    for (const p of principals) {
      period += 1;
      const res = await w.app.inject({
        method: "POST",
        url: "/api/observations",
        headers: p.write,
        payload: {
          items: [{ regionCode: IN.township, indicator: INDICATOR, period, value: 3 }],
          reason: "in scope",
        },
      });
      const allowed = p.role === "data-entry" || p.role === "admin";
      expect(res.statusCode, `${p.label} ${res.body}`).toBe(allowed ? 200 : 403);
      expect((await w.store.observationHistory(IN.township, INDICATOR, period)).length).toBe(allowed ? 1 : 0);
    }
  });

  it("a token narrowed to a township or a lesser role holds no more than that", async () => {
    const narrowTown = await tokenFor(w.store, "entry_yy", { regionCode: IN.township });
    const county = await w.app.inject({
      method: "GET",
      url: `/api/regions/${IN.county}`,
      headers: { authorization: `Bearer ${narrowTown}` },
    });
    expect(county.statusCode).toBe(404);
    const town = await w.app.inject({
      method: "GET",
      url: `/api/regions/${IN.township}`,
      headers: { authorization: `Bearer ${narrowTown}` },
    });
    expect(town.statusCode).toBe(200);
    const readOnly = await tokenFor(w.store, "entry_yy", { role: "viewer" });
    const write = await w.app.inject({
      method: "POST",
      url: "/api/observations",
      headers: { authorization: `Bearer ${readOnly}` },
      payload: {
        items: [{ regionCode: IN.township, indicator: INDICATOR, period: 2019, value: 3 }],
        reason: "x",
      },
    });
    expect(write.statusCode).toBe(403);
    // a token cannot be wider than its owner
    const entry = principals.find((p) => p.label === "data-entry via cookie") as Principal;
    const wider = await w.app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: entry.write,
      payload: { name: "w", role: "admin" },
    });
    expect(wider.statusCode).toBe(403);
  });

  it("revoked tokens stop working at once", async () => {
    const viewer = principals.find((p) => p.label === "viewer via cookie") as Principal;
    const created = await w.app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: viewer.write,
      payload: { name: "scripted pull" },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect(
      (await w.app.inject({ method: "GET", url: `/api/regions/${IN.county}`, headers: bearer })).statusCode,
    ).toBe(200);
    const listed = (await w.app.inject({ method: "GET", url: "/api/tokens", headers: viewer.read })).json()
      .items;
    expect(JSON.stringify(listed)).not.toContain(token); // shown once only
    expect(
      (await w.app.inject({ method: "DELETE", url: `/api/tokens/${id}`, headers: viewer.write })).statusCode,
    ).toBe(204);
    expect(
      (await w.app.inject({ method: "GET", url: `/api/regions/${IN.county}`, headers: bearer })).statusCode,
    ).toBe(401);
    const audit = await w.store.queryAudit({ action: "token.revoke" });
    expect(audit.some((a) => a.targetId === id)).toBe(true);
  });
});
