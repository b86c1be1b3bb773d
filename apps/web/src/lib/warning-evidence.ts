// The evidence of an early warning in words, in the UI language: a status change (from → to, progress against
// the elapsed time, projection), a missing report (year, due date, as-of date, department) or an implausible
// jump (the region's own figures, its usual change, and its peers' change the same year). Numbers carry their
// unit; anything missing shows as "—", never NaN.
import type { MonitorWarning } from "../api/types.ts";
import { type MessageKey, translate } from "../i18n/messages.ts";
import { formatNumber, formatValue, type Lang } from "./format.ts";
import { statusStyle } from "./monitor-status.ts";

type Raw = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export interface EvidenceContext {
  lang: Lang;
  /** unit of the indicator's values ("" or null for none) */
  unit?: string | null;
}

const TYPE_KEYS: Record<string, MessageKey> = {
  status_change: "warn.type.status_change",
  missing_report: "warn.type.missing_report",
  implausible_jump: "warn.type.implausible_jump",
};

export function warningTypeKey(type: string): MessageKey {
  return TYPE_KEYS[type] ?? "warn.type.other";
}

function statusText(status: unknown, lang: Lang): string {
  const s = str(status);
  return s === null ? translate(lang, "warn.ev.firstAssessment") : translate(lang, statusStyle(s).key);
}

function pct(share: number | null, lang: Lang): string {
  return share === null ? "—" : `${formatNumber(share * 100, lang, { digits: 1 })}%`;
}

function signed(text: string, value: number): string {
  return value > 0 && !text.startsWith("+") ? `+${text}` : text;
}

/** A year-on-year change as shown: a log ratio as a signed percentage, a difference as a signed value. */
export function formatChange(
  change: number | null,
  kind: string | null,
  lang: Lang,
  unit?: string | null,
): string {
  if (change === null) return "—";
  if (kind === "log_ratio") {
    const p = (Math.exp(change) - 1) * 100;
    return signed(`${formatNumber(p, lang, { digits: 1 })}%`, p);
  }
  return signed(formatValue(change, unit, lang), change);
}

const METHOD_KEYS: Record<string, MessageKey> = {
  linear_ols: "monitor.method.linear_ols",
  log_linear_ols: "monitor.method.log_linear_ols",
};

export function projectionMethodText(method: string, lang: Lang): string {
  const key = METHOD_KEYS[method];
  return key ? translate(lang, key) : method;
}

/** One line per fact of the warning's evidence. */
export function warningEvidenceLines(
  w: Pick<MonitorWarning, "type" | "evidence" | "year">,
  ctx: EvidenceContext,
): string[] {
  const { lang } = ctx;
  const unit = ctx.unit ?? null;
  const e = (w.evidence ?? {}) as Raw;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const out: string[] = [];

  if (w.type === "status_change") {
    out.push(
      t("warn.ev.statusChange", { from: statusText(e.previousStatus, lang), to: statusText(e.status, lang) }),
    );
    const prevYear = num(e.previousAsOfYear);
    if (prevYear !== null) out.push(t("warn.ev.previousYear", { year: prevYear }));
    const latestYear = num(e.latestYear);
    if (latestYear !== null)
      out.push(t("warn.ev.latest", { year: latestYear, value: formatValue(num(e.latestValue), unit, lang) }));
    if (num(e.progress) !== null || num(e.expectedProgress) !== null)
      out.push(
        t("warn.ev.progress", {
          progress: pct(num(e.progress), lang),
          expected: pct(num(e.expectedProgress), lang),
        }),
      );
    const p = e.projection as Raw | null | undefined;
    if (p && typeof p === "object") {
      const years = Array.isArray(p.years) ? (p.years as unknown[]).filter((y) => typeof y === "number") : [];
      out.push(
        t("warn.ev.projection", {
          year: num(p.year) ?? "—",
          value: formatValue(num(p.value), unit, lang),
          method: projectionMethodText(String(p.method ?? ""), lang),
          years: years.length > 0 ? `${years[0]}–${years[years.length - 1]}` : "—",
        }),
      );
    }
    return out;
  }

  if (w.type === "missing_report") {
    out.push(
      t("warn.ev.due", {
        year: num(e.year) ?? w.year,
        due: str(e.dueDate) ?? "—",
        asOf: str(e.asOfDate) ?? "—",
      }),
    );
    const dept = str(e.department);
    if (dept) out.push(t("warn.ev.department", { department: dept }));
    return out;
  }

  if (w.type === "implausible_jump") {
    const year = num(e.year) ?? w.year;
    const kind = str(e.changeKind);
    out.push(
      t("warn.ev.jump", {
        prev: year - 1,
        year,
        before: formatValue(num(e.previousValue), unit, lang),
        after: formatValue(num(e.value), unit, lang),
        change: formatChange(num(e.change), kind, lang, unit),
      }),
    );
    const zText = (s: Raw | undefined) =>
      s?.unbounded === true ? "∞" : formatNumber(num(s?.z), lang, { digits: 2 });
    const own = e.own as Raw | undefined;
    if (own)
      out.push(
        t("warn.ev.own", {
          median: formatChange(num(own.median), kind, lang, unit),
          z: zText(own),
          threshold: formatNumber(num(e.threshold), lang, { digits: 1 }),
          n: num(own.n) ?? 0,
        }),
      );
    const peers = e.peers as Raw | undefined;
    if (e.peerCheck === "confirmed" && peers)
      out.push(
        t("warn.ev.peers", {
          median: formatChange(num(peers.median), kind, lang, unit),
          z: zText(peers),
          n: num(peers.n) ?? 0,
        }),
      );
    else out.push(t("warn.ev.peersUnavailable", { n: num(peers?.n) ?? 0 }));
    const rev = str(e.revisionId) ?? (typeof e.revisionId === "number" ? String(e.revisionId) : null);
    if (rev || str(e.sourceId))
      out.push(t("warn.ev.revision", { revision: rev ?? "—", source: str(e.sourceId) ?? "—" }));
    return out;
  }

  return out;
}
