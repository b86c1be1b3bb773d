// The approval workflow over HTTP: data entry submits its township's figures, the county's approver cannot
// approve its own county but approves the township below, approved data refuse edits (forms and imports) until
// un-approved from above; every transition is audited with before/after.
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildWorld, describeOnStores, IN, INDICATOR, type Login, loginAs, type World } from "./builders.ts";

describeOnStores("approval workflow", (kind) => {
  let w: World;
  let entry: Login;
  let approver: Login;
  let cityApprover: Login;
  let admin: Login;
  const target = { regionCode: IN.township, period: 2020 };

  beforeAll(async () => {
    w = await buildWorld(kind);
    entry = await loginAs(w.app, "entry_yy");
    approver = await loginAs(w.app, "approver_yy");
    cityApprover = await loginAs(w.app, "approver_cq");
    admin = await loginAs(w.app, "admin_yy");
  });
  afterAll(async () => w?.close());

  const post = (login: Login, url: string, payload: unknown) =>
    w.app.inject({ method: "POST", url, headers: login.write, payload: payload as never });
  const edit = (login: Login, value: number) =>
    post(login, "/api/observations", {
      items: [{ regionCode: IN.township, indicator: INDICATOR, period: 2020, value }],
      reason: "correction",
    });
  const status = async () =>
    (await w.store.queryObservations({ regionCodes: [IN.township], fromYear: 2020, toYear: 2020 }))[0].status;

  it("submit → approve → edit refused → unapprove → edit allowed, all audited", async () => {
    // approving before submission is refused
    expect((await post(approver, "/api/approvals/approve", target)).statusCode).toBe(409);
    // only data entry (or admin) submits
    expect((await post(approver, "/api/approvals/submit", target)).statusCode).toBe(403);
    const submitted = await post(entry, "/api/approvals/submit", target);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      regionCode: IN.township,
      period: 2020,
      status: "submitted",
      changed: 1,
    });
    expect(await status()).toBe("submitted");

    // the approver sees it in the inbox; data entry cannot approve
    const inbox = (
      await w.app.inject({ method: "GET", url: "/api/approvals/inbox", headers: approver.read })
    ).json().items;
    expect(inbox).toEqual([
      expect.objectContaining({
        regionCode: IN.township,
        regionName: "双江街道",
        period: 2020,
        count: 1,
        submittedBy: "entry_yy",
      }),
    ]);
    expect((await post(entry, "/api/approvals/approve", target)).statusCode).toBe(403);

    const approved = await post(approver, "/api/approvals/approve", target);
    expect(approved.statusCode).toBe(200);
    expect(await status()).toBe("approved");

    // approved data cannot be edited, by form or by import
    const refused = await edit(entry, 250);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("invalid_state");
    const boundary = "b0undary";
    const csv = `region_code,indicator,period,value\n${IN.township},${INDICATOR},2020,260\n`;
    const upload = await w.app.inject({
      method: "POST",
      url: "/api/imports",
      headers: { ...entry.write, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fix.csv"\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    });
    expect(upload.statusCode).toBe(409);
    const current = await w.store.queryObservations({
      regionCodes: [IN.township],
      fromYear: 2020,
      toYear: 2020,
    });
    expect(current[0].value).toBe(200);

    // data entry cannot un-approve; the approver above can
    expect((await post(entry, "/api/approvals/unapprove", target)).statusCode).toBe(403);
    expect((await post(approver, "/api/approvals/unapprove", target)).statusCode).toBe(200);
    expect(await status()).toBe("submitted");

    const allowed = await edit(entry, 250);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toEqual({ inserted: 0, revised: 1, unchanged: 0 });
    expect(await status()).toBe("draft");

    const history = await w.store.observationHistory(IN.township, INDICATOR, 2020);
    expect(history.map((h) => h.status)).toEqual(["draft", "submitted", "approved", "submitted", "draft"]);
    expect(history.at(-1)?.value).toBe(250);

    const audit = await w.store.queryAudit({ regionPrefixes: [IN.township] });
    const actions = audit.map((a) => `${a.action}:${a.actor}`).reverse();
    expect(actions).toEqual([
      "approval.submit:entry_yy",
      "approval.approve:approver_yy",
      "approval.unapprove:approver_yy",
      "observations.write:entry_yy",
    ]);
    const approveEntry = audit.find((a) => a.action === "approval.approve");
    expect(approveEntry?.before).toMatchObject({ statuses: { submitted: 1 } });
    expect(approveEntry?.after).toMatchObject({ status: "approved", changed: 1, indicators: [INDICATOR] });
  });

  it("approval needs a grant strictly above: the county's approver cannot approve the county, the city's can", async () => {
    const county = { regionCode: IN.county, period: 2020 };
    expect((await post(entry, "/api/approvals/submit", county)).statusCode).toBe(200);
    expect((await post(approver, "/api/approvals/approve", county)).statusCode).toBe(403);
    expect((await post(cityApprover, "/api/approvals/approve", county)).statusCode).toBe(200);
    // the county admin sees the audit of its subtree
    const audit = await w.app.inject({
      method: "GET",
      url: `/api/audit?action=approval.approve&region=${IN.county}`,
      headers: admin.read,
    });
    expect(audit.statusCode).toBe(200);
    expect(
      audit
        .json()
        .items.map((a: { actor: string }) => a.actor)
        .sort(),
    ).toEqual(["approver_cq", "approver_yy"]);
  });

  it("re-writing identical values over approved data is harmless (nothing changes)", async () => {
    const res = await post(entry, "/api/observations", {
      items: [{ regionCode: IN.county, indicator: INDICATOR, period: 2020, value: 1000 }],
      reason: "same",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inserted: 0, revised: 0, unchanged: 1 });
  });
});
