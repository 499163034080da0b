// The map: Natural Earth country outlines (bundled world-atlas TopoJSON, no tile server)
// and one circle per event, its area growing with the best fatality figure, its colour
// the ACLED event type. The view fits the events shown.

import { geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import { svg, replace, on } from "./dom.js";
import { typeColour, fatalityText, dateText, placeText } from "./format.js";

const WIDTH = 800;
const HEIGHT = 420;
const PAD = 24;
// Never zoom closer than this many degrees around the events: one event alone still
// shows its country and neighbours.
const MIN_SPAN = 16;

/** Circle radius: area proportional to deaths, so 100 dead is not drawn 100× as wide as 1. */
export function radius(event) {
  const best = event.fatalities ? event.fatalities.best : null;
  if (best === null || best === undefined) return 3.5;
  return Math.min(32, 4 + 2.2 * Math.sqrt(best));
}

function extent(events) {
  const located = events.filter((e) => e.latitude !== null && e.longitude !== null);
  if (!located.length) return null;
  let [w, e, s, n] = [180, -180, 90, -90];
  for (const ev of located) {
    w = Math.min(w, ev.longitude);
    e = Math.max(e, ev.longitude);
    s = Math.min(s, ev.latitude);
    n = Math.max(n, ev.latitude);
  }
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  const half = Math.max(MIN_SPAN / 2, (e - w) / 2 * 1.15, (n - s) / 2 * 1.15);
  const corner = (x, y) => [Math.max(-180, Math.min(180, x)), Math.max(-85, Math.min(85, y))];
  return {
    type: "MultiPoint",
    coordinates: [corner(cx - half, cy - half), corner(cx + half, cy - half), corner(cx - half, cy + half), corner(cx + half, cy + half)],
  };
}

function marker(event, projection, selectedId, onSelect) {
  const point = projection([event.longitude, event.latitude]);
  if (!point) return null;
  const colour = typeColour(event.event_type);
  const hollow = !event.fatalities;
  const circle = svg("circle", {
    class: event.id === selectedId ? "marker selected" : "marker",
    cx: point[0].toFixed(1),
    cy: point[1].toFixed(1),
    r: radius(event).toFixed(1),
    fill: hollow ? "none" : colour,
    "fill-opacity": hollow ? null : 0.72,
    stroke: hollow ? colour : "#ffffff",
    "stroke-width": hollow ? 2 : 1,
    tabindex: 0,
    role: "button",
    "data-id": event.id,
    "data-type": event.event_type,
    "aria-label": `${event.sub_event_type}, ${placeText(event)}`,
  }, svg("title", {}, `${event.sub_event_type} — ${placeText(event)}, ${dateText(event)}: ${fatalityText(event.fatalities)}`));
  on(circle, "click", () => onSelect(event.id));
  on(circle, "keydown", (e) => { if (e.key === "Enter") onSelect(event.id); });
  return circle;
}

export function createMap(container, { onSelect }) {
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", role: "img", "aria-label": "Map of the events" });
  const sea = svg("path", { class: "sea" });
  const land = svg("g", { class: "land" });
  const markers = svg("g", { class: "markers" });
  replace(container, root);
  root.append(sea, land, markers);
  let countries = null;

  function render(events, selectedId) {
    const fit = extent(events);
    const projection = geoNaturalEarth1();
    if (fit) projection.fitExtent([[PAD, PAD], [WIDTH - PAD, HEIGHT - PAD]], fit);
    else projection.fitExtent([[PAD, PAD], [WIDTH - PAD, HEIGHT - PAD]], { type: "Sphere" });
    const path = geoPath(projection);
    sea.setAttribute("d", path({ type: "Sphere" }) || "");
    if (countries) {
      replace(land, countries.features.map((c) => svg("path", { d: path(c) || "", class: "country" },
        svg("title", {}, c.properties && c.properties.name ? c.properties.name : ""))));
    }
    const located = events.filter((e) => e.latitude !== null && e.longitude !== null);
    // big circles first, so small events on the same spot stay clickable on top
    located.sort((a, b) => radius(b) - radius(a));
    replace(markers, located.map((e) => marker(e, projection, selectedId, onSelect)));
  }

  return {
    setOutlines(topology) {
      countries = feature(topology, topology.objects.countries);
    },
    render,
  };
}
