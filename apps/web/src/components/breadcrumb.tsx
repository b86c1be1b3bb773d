import { useI18n } from "../i18n/i18n.tsx";

export function Breadcrumb({
  path,
  onGo,
}: {
  path: { code: string; name: string }[];
  onGo: (index: number) => void;
}) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumb" aria-label={t("map.breadcrumb")} data-testid="breadcrumb">
      {path.map((r, i) =>
        i === path.length - 1 ? (
          <span key={r.code} className="crumb current" aria-current="page">
            {r.name}
          </span>
        ) : (
          <span key={r.code}>
            <button type="button" className="crumb link" onClick={() => onGo(i)}>
              {r.name}
            </button>
            <span className="sep">›</span>
          </span>
        ),
      )}
    </nav>
  );
}
