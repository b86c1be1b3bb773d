// Shell: session check → login or the dashboard (header with navigation, language switch, logout) and a
// hash router (#/map, #/pair, ...), so the server only has to serve index.html at `/`.
import { useCallback, useEffect, useState } from "react";
import { clearCaches } from "./api/cache.ts";
import { api, setCsrfToken, setUnauthenticatedHandler } from "./api/client.ts";
import type { Items, Region, Scheme, SessionBody } from "./api/types.ts";
import { ReportButton } from "./components/report-button.tsx";
import { useI18n } from "./i18n/i18n.tsx";
import type { MessageKey } from "./i18n/messages.ts";
import { errorMessage } from "./lib/api-error.ts";
import { rootRegionCode } from "./lib/levels.ts";
import { reportYears } from "./lib/report-years.ts";
import { ApprovalsPage } from "./pages/approvals-page.tsx";
import { AuditPage } from "./pages/audit-page.tsx";
import { DataPage } from "./pages/data-page.tsx";
import { EvaluationPage } from "./pages/evaluation-page.tsx";
import { ImportPage } from "./pages/import-page.tsx";
import { LoginPage } from "./pages/login-page.tsx";
import { MapPage } from "./pages/map-page.tsx";
import { MonitorPage } from "./pages/monitor-page.tsx";
import { PairPage } from "./pages/pair-page.tsx";
import { WarningsPage } from "./pages/warnings-page.tsx";

const ROUTES = [
  "map",
  "pair",
  "evaluation",
  "monitor",
  "warnings",
  "data",
  "import",
  "approvals",
  "audit",
] as const;
type Route = (typeof ROUTES)[number];

function currentRoute(): Route {
  const h = window.location.hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(h) ? (h as Route) : "map";
}

function useRoute(): Route {
  const [route, setRoute] = useState<Route>(currentRoute);
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<SessionBody | null | undefined>(undefined);

  const accept = useCallback((s: SessionBody | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setSession(s);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => accept(null));
    api.get<SessionBody>("/api/session").then(accept, () => accept(null));
    return () => setUnauthenticatedHandler(null);
  }, [accept]);

  if (session === undefined) return <div className="center muted">{t("common.loading")}</div>;
  if (session === null) return <LoginPage onLogin={accept} />;
  return (
    <Dashboard
      session={session}
      onLogout={() => {
        api.del("/api/session").catch(() => undefined);
        clearCaches();
        accept(null);
      }}
      key={session.user.username}
    />
  );
}

function Dashboard({ session, onLogout }: { session: SessionBody; onLogout: () => void }) {
  const { t, lang, setLang } = useI18n();
  const route = useRoute();
  const roles = new Set(session.user.grants.map((g) => g.role));
  const rootCode = rootRegionCode(session.user.grants);
  const [root, setRoot] = useState<Region | null>(null);
  const [rootError, setRootError] = useState<unknown>(null);
  const [focus, setFocus] = useState<Region | null>(null);

  // report years: those of the shipped schemes over the region (analysts and admins can build reports)
  const mayReport = roles.has("analyst") || roles.has("admin");
  const [schemes, setSchemes] = useState<Scheme[]>([]);
  useEffect(() => {
    if (!mayReport) return;
    api.get<Items<Scheme>>("/api/schemes").then(
      (r) => setSchemes(r.items),
      () => setSchemes([]),
    );
  }, [mayReport]);
  const reportRegion = focus ?? root;
  const years = reportRegion ? reportYears(schemes, reportRegion.code) : [];

  useEffect(() => {
    if (!rootCode) return;
    api.get<Region>(`/api/regions/${rootCode}`).then(setRoot, setRootError);
  }, [rootCode]);

  const nav: { route: Route; key: MessageKey; show: boolean }[] = [
    { route: "map", key: "nav.map", show: true },
    { route: "pair", key: "nav.pair", show: true },
    { route: "evaluation", key: "nav.evaluation", show: true },
    { route: "monitor", key: "nav.monitor", show: true },
    { route: "warnings", key: "nav.warnings", show: true },
    {
      route: "data",
      key: "nav.data",
      show: roles.has("data-entry") || roles.has("admin") || roles.has("analyst"),
    },
    {
      route: "import",
      key: "nav.import",
      show: roles.has("data-entry") || roles.has("admin") || roles.has("analyst"),
    },
    { route: "approvals", key: "nav.approvals", show: roles.has("approver") || roles.has("admin") },
    { route: "audit", key: "nav.audit", show: roles.has("admin") },
  ];

  let page: React.ReactNode;
  if (!root)
    page = (
      <div className="center muted">{rootError ? errorMessage(rootError, lang) : t("common.loading")}</div>
    );
  else if (route === "pair") page = <PairPage root={root} focus={focus} />;
  else if (route === "evaluation") page = <EvaluationPage root={root} />;
  else if (route === "monitor") page = <MonitorPage />;
  else if (route === "warnings") page = <WarningsPage />;
  else if (route === "data") page = <DataPage root={root} focus={focus} />;
  else if (route === "import") page = <ImportPage />;
  else if (route === "approvals") page = <ApprovalsPage root={root} />;
  else if (route === "audit") page = <AuditPage />;
  else page = <MapPage root={root} onFocus={setFocus} />;

  return (
    <div className="app">
      <header className="header">
        <div className="brand">
          <span className="logo">{t("app.brand")}</span>
          <span className="title">{t("app.title")}</span>
        </div>
        <nav className="nav">
          {nav
            .filter((n) => n.show)
            .map((n) => (
              <a
                key={n.route}
                href={`#/${n.route}`}
                className={route === n.route ? "active" : ""}
                data-route={n.route}
              >
                {t(n.key)}
              </a>
            ))}
        </nav>
        <div className="user">
          {mayReport && reportRegion && years.length > 0 ? (
            <ReportButton
              regionCode={reportRegion.code}
              regionName={reportRegion.name}
              years={years}
              testId="header-report"
              key={reportRegion.code}
            />
          ) : null}
          <span className="username">{session.user.displayName || session.user.username}</span>
          <button
            type="button"
            className="lang"
            data-testid="lang-switch"
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
            title={t("lang.current")}
          >
            {t("lang.switch")}
          </button>
          <button type="button" onClick={onLogout}>
            {t("auth.logout")}
          </button>
        </div>
      </header>
      <main className={`page page-${route}`}>{page}</main>
    </div>
  );
}
