// The 城乡融合发展专项评估报告 of a region and year: POST /api/reports starts a job, its progress is polled,
// and the finished file is offered for download (GET /api/reports/{jobId}/file). `inline` shows the form in
// place; otherwise a button opens it as a small panel (the header).
import { useEffect, useMemo, useState } from "react";
import { api } from "../api/client.ts";
import type { Items, PlanListItem, ReportJobResult } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { ApiError, errorMessage } from "../lib/api-error.ts";
import type { Lang } from "../lib/format.ts";
import { formatNumber } from "../lib/format.ts";
import { jobPercent, jobRunning } from "../lib/job-progress.ts";
import { regionContains } from "../lib/monitor-status.ts";
import { messagePart } from "../lib/publication.ts";
import { useAsync } from "../lib/use-async.ts";
import { useJob } from "../lib/use-job.ts";

const STEP_KEYS: Record<string, MessageKey> = {
  evaluating: "report.step.evaluating",
  printing: "report.step.printing",
  writing: "report.step.writing",
};

function sizeText(bytes: number, lang: Lang): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024), lang, { digits: 1 })} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang, { digits: 0 })} KB`;
}

export function ReportButton({
  regionCode,
  regionName,
  year,
  years,
  schemeName,
  inline = false,
  testId = "report",
}: {
  regionCode: string;
  regionName: string;
  /** fixed year (evaluation page); otherwise chosen from `years` */
  year?: number | null;
  years?: number[];
  schemeName?: string | null;
  inline?: boolean;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(inline);
  const [pickedYear, setPickedYear] = useState<number | null>(null);
  const [format, setFormat] = useState<"html" | "pdf">("html");
  // the report's language follows the UI language until the user picks one
  const [pickedLang, setReportLang] = useState<Lang | null>(null);
  const reportLang = pickedLang ?? lang;
  const [planId, setPlanId] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const { job, error: pollError, start, reset } = useJob();
  const plans = useAsync(() => (open ? api.get<Items<PlanListItem>>("/api/plans") : null), [open]);

  const fitting = useMemo(
    () => (plans.data?.items ?? []).filter((p) => regionContains(p.region, regionCode)),
    [plans.data, regionCode],
  );
  // default: the first plan over the region (chapter 6), unless the user chose "none" ("")
  const plan = planId ?? fitting[0]?.id ?? "";
  const shownYear = year ?? pickedYear ?? (years && years.length > 0 ? years[years.length - 1] : null);

  useEffect(() => {
    reset();
    setStartError(null);
  }, [regionCode, shownYear, reset]);

  const running = jobRunning(job);
  const generate = async () => {
    if (shownYear === null) return;
    setStartError(null);
    try {
      const { jobId } = await api.post<{ jobId: string }>("/api/reports", {
        regionCode,
        year: shownYear,
        format,
        lang: reportLang,
        ...(schemeName ? { schemeName } : {}),
        ...(plan ? { planId: plan } : {}),
      });
      start(jobId, "report");
    } catch (e) {
      setStartError(e);
    }
  };
  const result = job?.status === "done" ? (job.result as ReportJobResult | undefined) : undefined;
  const step = job?.message ? STEP_KEYS[job.message] : undefined;

  const panel = (
    <div className={inline ? "report-inline" : "report-panel card"} data-testid={`${testId}-panel`}>
      <div className="report-head">
        <strong>{t("report.title")}</strong>
        <span className="muted small">
          {t("report.forRegion", { region: regionName, year: shownYear ?? "—" })}
        </span>
      </div>
      <div className="row wrap">
        {year === undefined || year === null ? (
          <label>
            {t("common.year")}
            <select
              value={shownYear ?? ""}
              onChange={(e) => setPickedYear(Number(e.target.value))}
              data-testid={`${testId}-year`}
            >
              {(years ?? []).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t("report.format")}
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value === "pdf" ? "pdf" : "html")}
            data-testid={`${testId}-format`}
          >
            <option value="html">HTML</option>
            <option value="pdf">PDF</option>
          </select>
        </label>
        <label>
          {t("report.lang")}
          <select
            value={reportLang}
            onChange={(e) => setReportLang(e.target.value === "en" ? "en" : "zh")}
            data-testid={`${testId}-lang`}
          >
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {t("report.plan")}
          <select value={plan} onChange={(e) => setPlanId(e.target.value)} data-testid={`${testId}-plan`}>
            <option value="">{t("report.noPlan")}</option>
            {fitting.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={running || shownYear === null}
          onClick={generate}
          data-testid={`${testId}-generate`}
        >
          {running ? t("report.generating") : t("report.generate")}
        </button>
      </div>
      {job ? (
        <div className="job" data-testid={`${testId}-job`} data-status={job.status}>
          <progress max={100} value={jobPercent(job)} />
          <span className="small">
            {job.status === "done" ? "" : step ? t(step) : t("report.generating")}
          </span>
          {job.status === "failed" ? (
            <div className="error" role="alert">
              {t("report.failed", { message: job.error?.message ?? "" })}
            </div>
          ) : null}
          {job.status === "done" && result ? (
            <div className="ok">
              {t("report.ready", {
                size: `${result.format.toUpperCase()} · ${sizeText(result.bytes, lang)}${
                  result.pages ? ` · ${t("report.pages", { n: result.pages })}` : ""
                }`,
              })}{" "}
              <a
                href={`/api/reports/${encodeURIComponent(job.id)}/file`}
                download
                data-testid={`${testId}-download`}
              >
                {t("report.download")}
              </a>
              <div className="muted small mono">{t("report.runHash", { hash: result.runHash })}</div>
            </div>
          ) : null}
        </div>
      ) : null}
      {startError || pollError ? (
        <div className="error" role="alert" data-testid={`${testId}-error`}>
          {errorMessage(startError ?? pollError, lang)}
          {/* input errors name the problem (no chromium for PDF, year outside the scheme, …) */}
          {startError instanceof ApiError && startError.status === 400
            ? `：${messagePart(startError.message, lang)}`
            : ""}
        </div>
      ) : null}
    </div>
  );

  if (inline) return panel;
  return (
    <div className="report-box">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        data-testid={`${testId}-button`}
      >
        {t("report.button")}
      </button>
      {open ? panel : null}
    </div>
  );
}
