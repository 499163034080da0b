// sitrep's web page: filters → events (map, timeline, list) → one event's claims and sources.
// The filter and the open event live in the URL's fragment, so a view can be bookmarked.

import "./style.css";
import { api, FILTER_KEYS } from "./api.js";
import { el, replace, on } from "./dom.js";
import { EVENT_TYPES, typeColour } from "./format.js";
import { createMap } from "./map.js";
import { createTimeline } from "./timeline.js";
import { renderList } from "./list.js";
import { renderEvent } from "./panel.js";

const state = { filter: {}, events: [], total: 0, cursor: null, selected: null, docs: new Map() };
const $ = (id) => document.getElementById(id);

function status(text, isError = false) {
  const node = $("status");
  node.textContent = text;
  node.classList.toggle("error", isError);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const filter = {};
  for (const key of FILTER_KEYS) if (params.get(key)) filter[key] = params.get(key);
  return { filter, event: params.get("event") };
}

function writeHash() {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state.filter[key]) params.set(key, state.filter[key]);
  if (state.selected) params.set("event", state.selected);
  const hash = params.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname);
}

function fillForm(filter) {
  const form = $("filters");
  for (const key of FILTER_KEYS) if (form.elements[key]) form.elements[key].value = filter[key] || "";
}

function readForm() {
  const form = $("filters");
  const filter = {};
  for (const key of FILTER_KEYS) {
    const value = form.elements[key] ? form.elements[key].value.trim() : "";
    if (value) filter[key] = value;
  }
  return filter;
}

function setupForm(meta) {
  const type = $("filters").elements.event_type;
  replace(type, el("option", { value: "" }, "any type"), EVENT_TYPES.map((t) => el("option", { value: t }, t)));
  const country = $("filters").elements.country;
  replace(country, el("option", { value: "" }, "any country"),
    Object.entries(meta.countries).map(([code, n]) => el("option", { value: code }, `${code} (${n})`)));
  replace($("legend"), EVENT_TYPES.map((t) => {
    const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.background = typeColour(t);
    return el("span", { class: "legend-item" }, swatch, t);
  }), el("span", { class: "legend-item note" }, "circle area ∝ best fatality figure; hollow = no figure"));
  replace($("summary"), `${meta.events} events from ${meta.documents} documents`,
    meta.first_date ? `, ${meta.first_date} to ${meta.last_date}` : "");
}

function updateExports() {
  $("export-csv").href = api.exportUrl(state.filter, "csv");
  $("export-geojson").href = api.exportUrl(state.filter, "geojson");
}

function drawEvents(map) {
  map.render(state.events, state.selected);
  renderList($("list"), {
    events: state.events, total: state.total, hasMore: !!state.cursor, selectedId: state.selected,
    onSelect: (id) => openEvent(map, id), onMore: () => loadMore(map),
  });
}

async function loadEvents(map, timeline) {
  status("Loading events…");
  updateExports();
  try {
    const [page, days] = await Promise.all([api.events(state.filter), api.timeline(state.filter)]);
    Object.assign(state, { events: page.events, total: page.total, cursor: page.next_cursor });
    drawEvents(map);
    timeline.render(days);
    status(`${page.total} event(s) match.`);
    $("app").dataset.ready = "true";
  } catch (err) {
    status(`Could not load events: ${err.message}`, true);
  }
}

async function loadMore(map) {
  if (!state.cursor) return;
  try {
    const page = await api.events(state.filter, { cursor: state.cursor });
    state.events = state.events.concat(page.events);
    state.cursor = page.next_cursor;
    drawEvents(map);
  } catch (err) {
    status(`Could not load more events: ${err.message}`, true);
  }
}

function loadDocument(id) {
  if (!state.docs.has(id)) state.docs.set(id, api.document(id));
  return state.docs.get(id);
}

async function openEvent(map, id) {
  state.selected = id;
  writeHash();
  drawEvents(map);
  const panel = $("panel");
  panel.hidden = false;
  $("list").hidden = true;
  replace(panel, el("p", { class: "hint" }, "Loading the event…"));
  try {
    const event = await api.event(id);
    renderEvent(panel, event, { loadDocument, onClose: () => closeEvent(map) });
    panel.scrollTop = 0;
  } catch (err) {
    replace(panel, el("p", { class: "error" }, `Could not load event ${id}: ${err.message}`));
  }
}

function closeEvent(map) {
  state.selected = null;
  writeHash();
  $("panel").hidden = true;
  $("list").hidden = false;
  drawEvents(map);
}

async function start() {
  const map = createMap($("map"), { onSelect: (id) => openEvent(map, id) });
  const timeline = createTimeline($("timeline"), {
    onPickRange: (since, until) => {
      state.filter = { ...state.filter, since, until };
      fillForm(state.filter);
      writeHash();
      loadEvents(map, timeline);
    },
  });
  const initial = readHash();
  try {
    const [meta, outlines] = await Promise.all([api.meta(), api.outlines()]);
    setupForm(meta);
    map.setOutlines(outlines);
  } catch (err) {
    status(`Could not reach the server: ${err.message}`, true);
    return;
  }
  state.filter = initial.filter;
  fillForm(state.filter);
  on($("filters"), "submit", (e) => {
    e.preventDefault();
    state.filter = readForm();
    writeHash();
    loadEvents(map, timeline);
  });
  on($("reset"), "click", () => {
    state.filter = {};
    fillForm(state.filter);
    writeHash();
    loadEvents(map, timeline);
  });
  await loadEvents(map, timeline);
  if (initial.event) openEvent(map, initial.event);
}

document.addEventListener("DOMContentLoaded", start);
