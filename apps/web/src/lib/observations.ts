// Observation queries as the dashboard makes them: the columns form of GET /api/observations (one array per
// field), expanded here into the rows the pages draw. For a district's townships over ten years it is a third of
// the list's compressed bytes.
import { fromObservationColumns, type ObservationColumns } from "@ronghe/api-contract/observation-columns";
import { api } from "../api/client.ts";
import type { Items, Observation } from "../api/types.ts";

export interface ObservationQuery {
  region: string;
  level?: string;
  /** one code, or several (sent comma-separated) */
  indicators?: string | readonly string[];
  from?: string | number;
  to?: string | number;
}

export async function getObservations(query: ObservationQuery): Promise<Items<Observation>> {
  const columns = await api.get<ObservationColumns>("/api/observations/columns", { ...query });
  return { items: fromObservationColumns(columns) as Observation[] };
}
