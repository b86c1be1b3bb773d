// MapLibre map with no remote tiles: a blank background style and one GeoJSON source holding the regions of
// the current level (polygons where stored, circles for units that only have a point). Colours are computed
// by the page and baked into each feature as `_fill`. The container carries `data-ready="true"` once the
// current data has been drawn (map `idle`), which the e2e tests wait for.
import { Map as MLMap, NavigationControl, type StyleSpecification, setWorkerUrl } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { useEffect, useMemo, useRef, useState } from "react";
import type { RegionFeatureProps, RegionFeatures } from "../api/types.ts";
import { featuresBBox } from "../lib/bbox.ts";
import { MISSING_COLOR } from "../lib/class-breaks.ts";

setWorkerUrl(workerUrl);

const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "background", type: "background", paint: { "background-color": "#eef2f5" } }],
};

const POLY = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
const POINT = ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]];

export interface RegionMapProps {
  features: RegionFeatures | null;
  /** fill colour by region code; missing codes are grey */
  fills: Record<string, string>;
  /** tooltip value text by region code */
  labels: Record<string, string>;
  selectedCode?: string | null;
  onRegionClick?: (props: RegionFeatureProps) => void;
  /** the parent region's boundary, drawn as context (e.g. a county around its township points) */
  outline?: GeoJSON.Feature | null;
  /** data for the map is still loading: not "ready" even when the current state is drawn */
  loading?: boolean;
  height?: number | string;
  testId?: string;
}

interface Hover {
  x: number;
  y: number;
  name: string;
  text: string;
}

export function RegionMap({
  features,
  fills,
  labels,
  selectedCode,
  onRegionClick,
  outline = null,
  loading = false,
  height = "100%",
  testId,
}: RegionMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MLMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const clickRef = useRef(onRegionClick);
  clickRef.current = onRegionClick;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const map = new MLMap({
      container: el,
      style: BLANK_STYLE,
      center: [107.8, 30.0],
      zoom: 5.5,
      attributionControl: false,
      localIdeographFontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    });
    map.addControl(new NavigationControl({ showCompass: false }), "top-right");
    map.on("load", () => {
      map.addSource("outline", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
      map.addLayer({
        id: "outline-fill",
        type: "fill",
        source: "outline",
        paint: { "fill-color": "#ffffff", "fill-opacity": 0.7 },
      });
      map.addLayer({
        id: "outline-line",
        type: "line",
        source: "outline",
        paint: { "line-color": "#5d6d7e", "line-width": 1.5 },
      });
      map.addSource("regions", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
      map.addLayer({
        id: "region-fill",
        type: "fill",
        source: "regions",
        filter: POLY as never,
        paint: { "fill-color": ["coalesce", ["get", "_fill"], MISSING_COLOR], "fill-opacity": 0.9 },
      });
      map.addLayer({
        id: "region-line",
        type: "line",
        source: "regions",
        filter: POLY as never,
        paint: { "line-color": "#ffffff", "line-width": 1 },
      });
      map.addLayer({
        id: "region-selected",
        type: "line",
        source: "regions",
        filter: ["==", ["get", "code"], ""],
        paint: { "line-color": "#c0392b", "line-width": 2.5 },
      });
      map.addLayer({
        id: "region-point",
        type: "circle",
        source: "regions",
        filter: POINT as never,
        paint: {
          "circle-color": ["coalesce", ["get", "_fill"], MISSING_COLOR],
          "circle-radius": 7,
          "circle-stroke-color": "#34495e",
          "circle-stroke-width": 1,
        },
      });
      for (const layer of ["region-fill", "region-point"]) {
        map.on("mousemove", layer, (e) => {
          const p = e.features?.[0]?.properties as RegionFeatureProps | undefined;
          if (!p) return;
          map.getCanvas().style.cursor = "pointer";
          setHover({ x: e.point.x, y: e.point.y, name: p.name, text: labelsRef.current[p.code] ?? "—" });
        });
        map.on("mouseleave", layer, () => {
          map.getCanvas().style.cursor = "";
          setHover(null);
        });
        map.on("click", layer, (e) => {
          const p = e.features?.[0]?.properties as RegionFeatureProps | undefined;
          if (p) clickRef.current?.(p);
        });
      }
      setLoaded(true);
    });
    mapRef.current = map;
    Object.defineProperty(el, "__map", { value: map, configurable: true });
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  const coloured = useMemo<RegionFeatures | null>(() => {
    if (!features) return null;
    return {
      type: "FeatureCollection",
      features: features.features.map((f) => ({
        ...f,
        properties: { ...f.properties, _fill: fills[f.properties.code] ?? MISSING_COLOR },
      })),
    };
  }, [features, fills]);

  // new data → redraw; "ready" again after the next idle
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    setReady(false);
    const src = map.getSource("regions") as { setData: (d: unknown) => void } | undefined;
    src?.setData(coloured ?? { type: "FeatureCollection", features: [] });
    const done = () => setReady(true);
    map.once("idle", done);
    map.triggerRepaint();
    return () => {
      map.off("idle", done);
    };
  }, [coloured, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const src = map.getSource("outline") as { setData: (d: unknown) => void } | undefined;
    src?.setData({ type: "FeatureCollection", features: outline ? [outline] : [] });
  }, [outline, loaded]);

  // fit to a new set of regions (not on a mere recolour)
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !features) return;
    const bb = featuresBBox({
      type: "FeatureCollection",
      features: outline ? [...features.features, outline] : features.features,
    });
    if (!bb) return;
    const pad = bb[2] - bb[0] < 1e-6 && bb[3] - bb[1] < 1e-6 ? 0.05 : 0;
    map.fitBounds(
      [
        [bb[0] - pad, bb[1] - pad],
        [bb[2] + pad, bb[3] + pad],
      ],
      { padding: 30, animate: false, maxZoom: 13 },
    );
  }, [features, outline, loaded]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    map.setFilter("region-selected", ["==", ["get", "code"], selectedCode ?? ""]);
  }, [selectedCode, loaded]);

  return (
    <div className="map-wrap" style={{ height }}>
      <div
        ref={container}
        className="map"
        data-testid={testId ?? "region-map"}
        data-ready={ready && !loading ? "true" : "false"}
        data-features={features?.features.length ?? 0}
      />
      {hover ? (
        <div className="map-tooltip" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
          <strong>{hover.name}</strong>
          <div>{hover.text}</div>
        </div>
      ) : null}
    </div>
  );
}
