import { useI18n } from "../i18n/i18n.tsx";

export interface LegendEntry {
  color: string;
  label: string;
}

export function Legend({
  title,
  subtitle,
  entries,
}: {
  title: string;
  subtitle?: string;
  entries: LegendEntry[];
}) {
  const { t } = useI18n();
  return (
    <div className="legend" data-testid="legend">
      <div className="legend-title">{title}</div>
      {subtitle ? <div className="legend-sub">{subtitle}</div> : null}
      <ul>
        {entries.map((e) => (
          <li key={`${e.color}-${e.label}`}>
            <span className="swatch" style={{ background: e.color }} />
            {e.label}
          </li>
        ))}
      </ul>
      {entries.length === 0 ? <div className="muted">{t("common.noData")}</div> : null}
    </div>
  );
}
