// The event list: one row per event, newest first; "sources disagree" marked per row.

import { el, replace, on } from "./dom.js";
import { typeColour, fatalityText, disputed, placeText } from "./format.js";

function row(event, selectedId, onSelect) {
  const dot = el("span", { class: "dot", "aria-hidden": "true" });
  dot.style.background = typeColour(event.event_type);
  const tr = el("tr", { class: event.id === selectedId ? "event-row selected" : "event-row", "data-id": event.id,
    "data-type": event.event_type, tabindex: 0 },
    el("td", { class: "date" }, event.date || "—"),
    el("td", { class: "type" }, dot, event.sub_event_type),
    el("td", { class: "place" }, placeText(event)),
    el("td", { class: "deaths" }, event.fatalities ? String(event.fatalities.best) : "—",
      disputed(event.fatalities) ? el("span", { class: "badge disputed", title: fatalityText(event.fatalities) }, "±") : null));
  on(tr, "click", () => onSelect(event.id));
  on(tr, "keydown", (e) => { if (e.key === "Enter") onSelect(event.id); });
  return tr;
}

export function renderList(container, { events, total, hasMore, selectedId, onSelect, onMore }) {
  const more = el("button", { class: "more", type: "button" }, `Load more (${events.length} of ${total})`);
  on(more, "click", onMore);
  replace(container,
    el("table", { class: "events" },
      el("thead", {}, el("tr", {}, el("th", {}, "Date"), el("th", {}, "Event"), el("th", {}, "Place"), el("th", { title: "best fatality figure; ± where sources disagree" }, "Killed"))),
      el("tbody", {}, events.map((e) => row(e, selectedId, onSelect)))),
    events.length ? null : el("p", { class: "empty" }, "No event matches these filters."),
    hasMore ? more : null);
}
