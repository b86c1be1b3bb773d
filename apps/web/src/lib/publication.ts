// Why the server refused to publish or unpublish an evaluation run, in the UI language. The refusal is a 409
// invalid_state whose details say which case it is: data not approved (counts by status and a sample), data
// changed since the run, already published / not published. Server messages are written "中文 / English";
// when no case matches, the part in the UI language is shown.
import { translate } from "../i18n/messages.ts";
import { ApiError, errorMessage } from "./api-error.ts";
import type { Lang } from "./format.ts";

/** The part of a bilingual "中文 / English" server message in the given language (the whole text otherwise). */
export function messagePart(message: string, lang: Lang): string {
  const i = message.indexOf(" / ");
  if (i < 0) return message;
  const zhPart = message.slice(0, i).trim();
  const enPart = message.slice(i + 3).trim();
  const han = /[\u4e00-\u9fff]/;
  if (!han.test(zhPart) || han.test(enPart)) return message;
  return lang === "zh" ? zhPart : enPart;
}

export interface Refusal {
  /** the one-sentence reason */
  summary: string;
  /** further facts (e.g. the observations that are not approved), one per line */
  lines: string[];
}

const STATUS_KEYS = { draft: "status.draft", submitted: "status.submitted" } as const;

export function publicationRefusal(error: unknown, lang: Lang, action: "publish" | "unpublish"): Refusal {
  if (!(error instanceof ApiError)) return { summary: errorMessage(error, lang), lines: [] };
  const d = error.details ?? {};
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  if (error.code === "invalid_state" && typeof d.notApproved === "number") {
    const by = (d.byStatus ?? {}) as Record<string, unknown>;
    const summary = translate(lang, "pub.refused.notApproved", {
      n: n(d.notApproved),
      total: n(d.observations),
      draft: n(by.draft),
      submitted: n(by.submitted),
    });
    const sample = Array.isArray(d.sample) ? (d.sample as Record<string, unknown>[]) : [];
    const lines = sample.map((s) => {
      const st = String(s.status ?? "");
      const key = STATUS_KEYS[st as keyof typeof STATUS_KEYS];
      return translate(lang, "pub.refused.sample", {
        region: String(s.regionCode ?? "—"),
        indicator: String(s.indicator ?? "—"),
        period: String(s.period ?? "—"),
        status: key ? translate(lang, key) : st,
      });
    });
    if (sample.length > 0 && sample.length < n(d.notApproved))
      lines.push(translate(lang, "pub.refused.more", { n: n(d.notApproved) - sample.length }));
    return { summary, lines };
  }
  if (error.code === "invalid_state") {
    const m = error.message;
    if (/changed|已改变/.test(m)) return { summary: translate(lang, "pub.refused.changed"), lines: [] };
    if (action === "publish" && /already published|已发布/.test(m))
      return { summary: translate(lang, "pub.refused.already"), lines: [] };
    if (action === "unpublish" && /not published|未发布/.test(m))
      return { summary: translate(lang, "pub.refused.notPublished"), lines: [] };
    return { summary: messagePart(m, lang), lines: [] };
  }
  return { summary: errorMessage(error, lang), lines: [] };
}
