// A region chooser: the user's root region and its next level, plus a search within the root.
import { useEffect, useState } from "react";
import { api } from "../api/client.ts";
import type { Items, Region } from "../api/types.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { childLevelOf } from "../lib/levels.ts";
import { useAsync } from "../lib/use-async.ts";

export function RegionSelect({
  root,
  value,
  onChange,
  testId,
}: {
  root: Region;
  value: Region | null;
  onChange: (r: Region) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Region[]>([]);
  const level = childLevelOf(root.code, root.level);
  const children = useAsync(
    () =>
      level ? api.get<Items<Region>>(`/api/regions/${root.code}/children`, { level, limit: 500 }) : null,
    [root.code, level],
  );
  useEffect(() => {
    if (q.trim().length < 1) {
      setFound([]);
      return;
    }
    const h = setTimeout(() => {
      api.get<Items<Region>>("/api/regions/search", { q: q.trim(), within: root.code }).then(
        (r) => setFound(r.items.slice(0, 50)),
        () => setFound([]),
      );
    }, 250);
    return () => clearTimeout(h);
  }, [q, root.code]);

  const options = new Map<string, Region>();
  for (const r of [root, ...(value ? [value] : []), ...found, ...(children.data?.items ?? [])])
    options.set(r.code, r);

  return (
    <span className="region-select">
      <input
        type="search"
        placeholder={t("data.region")}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-label={t("data.region")}
      />
      <select
        data-testid={testId}
        value={value?.code ?? ""}
        onChange={(e) => {
          const r = options.get(e.target.value);
          if (r) onChange(r);
        }}
      >
        {value ? null : <option value="">{t("data.pickRegion")}</option>}
        {[...options.values()].map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}（{r.code}）
          </option>
        ))}
      </select>
    </span>
  );
}
