// Hostile input: CSRF on every write route (taken from the OpenAPI document, so a new route cannot slip
// through), SQL-injection and <script> strings in every text field stored verbatim and returned escaped,
// oversized bodies and uploads refused with 413, path tricks in upload names never used as paths.
import { LIMITS } from "@ronghe/api-contract";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildWorld, describeOnStores, IN, INDICATOR, type Login, loginAs, type World } from "./builders.ts";

const EVIL = `<script>alert("x")</script>' OR '1'='1'; DROP TABLE users; --`;

function multipart(fileName: string, content: string | Buffer, fields: Record<string, string> = {}) {
  const boundary = "----hostile-boundary";
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join("");
  const payload = Buffer.concat([
    Buffer.from(
      `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describeOnStores("hostile input", (kind) => {
  let w: World;
  let admin: Login;
  let entry: Login;
  beforeAll(async () => {
    w = await buildWorld(kind);
    admin = await loginAs(w.app, "admin_yy");
    entry = await loginAs(w.app, "entry_yy");
  });
  afterAll(async () => w?.close());

  it("every cookie-authenticated write route needs the right x-csrf-token (403 csrf otherwise)", async () => {
    const doc = (await w.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes: Array<[string, string]> = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (
          ["post", "put", "patch", "delete"].includes(method) &&
          !(path === "/api/session" && method === "post")
        )
          writes.push([method.toUpperCase(), path]);
      }
    }
    expect(writes.length).toBeGreaterThanOrEqual(12);
    for (const [method, path] of writes) {
      const url = path.replace(/\{[^}]+\}/g, "x1");
      for (const headers of [
        admin.read,
        { ...admin.read, "x-csrf-token": "wrong" },
        { ...admin.read, "x-csrf-token": entry.csrf },
      ]) {
        const res = await w.app.inject({ method: method as "POST", url, headers, payload: {} });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe("csrf");
      }
    }
  });

  it("SQL and script strings in every text field are stored verbatim and come back escaped", async () => {
    const user = await w.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.write,
      payload: {
        username: "evil_name",
        password: "long-enough-password",
        displayName: EVIL,
        grants: [{ role: "viewer", regionCode: IN.county }],
      },
    });
    expect(user.statusCode).toBe(201);
    const badName = await w.app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.write,
      payload: {
        username: "x' OR 1=1 --",
        password: "long-enough-password",
        grants: [{ role: "viewer", regionCode: IN.county }],
      },
    });
    expect(badName.statusCode).toBe(400); // login names are a closed alphabet
    const token = await w.app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: admin.write,
      payload: { name: EVIL },
    });
    expect(token.statusCode).toBe(201);
    const write = await w.app.inject({
      method: "POST",
      url: "/api/observations",
      headers: entry.write,
      payload: {
        items: [
          { regionCode: IN.village, indicator: INDICATOR, period: 2020, value: 1, source: EVIL, note: EVIL },
        ],
        reason: EVIL,
      },
    });
    expect(write.statusCode).toBe(200);
    const submit = await w.app.inject({
      method: "POST",
      url: "/api/approvals/submit",
      headers: entry.write,
      payload: { regionCode: IN.village, period: 2020, reason: EVIL },
    });
    expect(submit.statusCode).toBe(200);
    // injection attempts in query strings are plain data too
    const search = await w.app.inject({
      method: "GET",
      url: `/api/regions/search?q=${encodeURIComponent("' OR 1=1 --")}`,
      headers: entry.read,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toEqual([]);
    const indicatorEvil = await w.app.inject({
      method: "GET",
      url: `/api/observations/history?region=${IN.village}&indicator=${encodeURIComponent(`${INDICATOR}' OR '1'='1`)}&period=2020`,
      headers: entry.read,
    });
    expect(indicatorEvil.json().items).toEqual([]);

    const reads = [
      await w.app.inject({ method: "GET", url: "/api/users", headers: admin.read }),
      await w.app.inject({ method: "GET", url: "/api/tokens", headers: admin.read }),
      await w.app.inject({
        method: "GET",
        url: `/api/observations/history?region=${IN.village}&indicator=${INDICATOR}&period=2020`,
        headers: entry.read,
      }),
      await w.app.inject({ method: "GET", url: "/api/audit", headers: admin.read }),
    ];
    for (const res of reads) {
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.body).not.toContain("<script>");
      expect(res.body).toContain("\\u003cscript\\u003e");
      expect(res.body).toContain(EVIL.length > 0 ? "DROP TABLE users" : "");
    }
    const users = reads[0].json().items as Array<{ username: string; displayName: string | null }>;
    expect(users.find((u) => u.username === "evil_name")?.displayName).toBe(EVIL);
    expect((reads[1].json().items as Array<{ name: string }>).some((t) => t.name === EVIL)).toBe(true);
    const history = reads[2].json().items as Array<{ reason: string; source: string; note: string }>;
    expect(history[0]).toMatchObject({ reason: EVIL, source: EVIL, note: EVIL });
    expect(history[1].reason).toBe(EVIL);
    // the users table is still there
    expect((await w.store.listUsers()).length).toBeGreaterThan(7);
  });

  it("oversized JSON bodies and uploads are refused with 413", async () => {
    const big = {
      items: [{ regionCode: IN.village, indicator: INDICATOR, period: 2020, value: 1 }],
      reason: "x".repeat(LIMITS.jsonBodyBytes + 10),
    };
    const json = await w.app.inject({
      method: "POST",
      url: "/api/observations",
      headers: entry.write,
      payload: big,
    });
    expect(json.statusCode).toBe(413);
    expect(json.json().error.code).toBe("payload_too_large");
    const rows = Buffer.alloc(LIMITS.uploadBytes + 1024, "5");
    const upload = multipart("big.csv", rows);
    const res = await w.app.inject({
      method: "POST",
      url: "/api/imports",
      headers: { ...entry.write, ...upload.headers },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("payload_too_large");
    expect(await w.store.listImports()).toEqual([]);
  });

  it("path tricks in upload names are reduced to a bare name and never used as paths", async () => {
    for (const [name, shown] of [
      ["../../etc/passwd", "passwd"],
      ["..\\\\x.csv", "x.csv"],
      ["/abs/../../root/.ssh/id_rsa", "id_rsa"],
    ] as const) {
      const bad = multipart(
        name,
        `region_code,indicator,period,value\n${IN.village},${INDICATOR},2020,not-a-number\n`,
      );
      const res = await w.app.inject({
        method: "POST",
        url: "/api/imports",
        headers: { ...entry.write, ...bad.headers },
        payload: bad.payload,
      });
      expect(res.statusCode, res.body).toBe(422);
      const error = res.json().error;
      expect(error.code).toBe("import_rejected");
      expect(error.details.errors[0]).toMatchObject({ file: shown, row: 2, reason: "non_numeric" });
      expect(res.body).not.toContain("..");
      expect(res.body).not.toContain("/etc");
    }
    const good = multipart(
      "..\\\\..\\\\ok.csv",
      `region_code,indicator,period,value\n${IN.village},${INDICATOR},2021,4\n`,
      { format: "long", source: EVIL },
    );
    const res = await w.app.inject({
      method: "POST",
      url: "/api/imports",
      headers: { ...entry.write, ...good.headers },
      payload: good.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().fileName).toBe("ok.csv");
    const imports = await w.store.listImports();
    expect(imports.map((i) => i.fileName)).toEqual(["ok.csv"]);
    const stored = await w.store.observationHistory(IN.village, INDICATOR, 2021);
    expect(stored[0].source).toBe(EVIL);
  });
});
