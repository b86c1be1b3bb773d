// Language context: zh-CN first, English on demand; the choice is kept in localStorage.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { formatValue, type Lang, type NumberFormatOptions, unitLabel } from "../lib/format.ts";
import { type MessageKey, translate } from "./messages.ts";

const STORAGE_KEY = "ronghe.lang";

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  fmt: (
    value: number | null | undefined,
    unit: string | null | undefined,
    opts?: NumberFormatOptions,
  ) => string;
  unit: (unit: string | null | undefined) => string;
  /** indicator name in the current language (falls back to the other one) */
  name: (item: { nameZh?: string | null; nameEn?: string | null; code?: string }) => string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "zh" || saved === "en") return saved;
  } catch {
    // storage unavailable: default
  }
  return "zh";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not persisted; still switched
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = translate(lang, "app.title");
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      fmt: (v, u, opts) => formatValue(v, u, lang, opts),
      unit: (u) => unitLabel(u, lang),
      name: (item) =>
        (lang === "en" ? item.nameEn || item.nameZh : item.nameZh || item.nameEn) || item.code || "",
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
