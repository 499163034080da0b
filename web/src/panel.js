// The event panel: what the event is, every claim behind its figures (claimant, outlet,
// date, figure) with a range bar per claim on one shared scale, so disagreement shows at a
// glance, and each source's article text with the claims' sentences highlighted.
// Article text is put in the page as text nodes only (see dom.js).

import { el, svg, replace, link, on } from "./dom.js";
import { typeColour, KIND_COLOURS, claimFigure, fatalityText, disputed, dateText, placeText, actorsText } from "./format.js";

const BAR_WIDTH = 260;
const BAR_HEIGHT = 18;

function scaleMax(claims) {
  const values = claims.flatMap((c) => [c.low, c.high]).filter((v) => v !== null && v !== undefined);
  return Math.max(1, ...values) * 1.15;
}

/** A claim's figure as a bar on the shared 0…max axis; the event's best figure is the dashed line. */
function rangeBar(claim, max, best) {
  const x = (v) => 4 + (v / max) * (BAR_WIDTH - 8);
  const colour = KIND_COLOURS[claim.kind] || "#555";
  const parts = [svg("line", { class: "rail", x1: 4, x2: BAR_WIDTH - 4, y1: BAR_HEIGHT / 2, y2: BAR_HEIGHT / 2 })];
  if (claim.denial) {
    parts.push(svg("circle", { class: "denial", cx: x(0), cy: BAR_HEIGHT / 2, r: 5, fill: "none", stroke: colour, "stroke-width": 2 }));
  } else if (claim.low === null && claim.high === null) {
    parts.push(svg("rect", { class: "vague", x: 4, y: 4, width: BAR_WIDTH - 8, height: BAR_HEIGHT - 8, fill: "none",
      stroke: colour, "stroke-dasharray": "3 3" }));
  } else {
    const low = claim.low ?? 0;
    const open = claim.high === null;
    const high = open ? max : claim.high;
    const width = Math.max(4, x(high) - x(low));
    parts.push(svg("rect", { class: open ? "range open" : "range", x: x(low) - (low === high ? 2 : 0), y: 4, width,
      height: BAR_HEIGHT - 8, fill: colour, "fill-opacity": open ? 0.35 : 0.85 }));
    if (open) parts.push(svg("path", { class: "arrow", d: `M${BAR_WIDTH - 10},3 L${BAR_WIDTH - 2},${BAR_HEIGHT / 2} L${BAR_WIDTH - 10},${BAR_HEIGHT - 3}`, fill: "none", stroke: colour, "stroke-width": 2 }));
  }
  if (best !== null && best !== undefined && claim.kind === "killed") {
    parts.push(svg("line", { class: "best", x1: x(best), x2: x(best), y1: 0, y2: BAR_HEIGHT, "stroke-dasharray": "2 2" }));
  }
  return svg("svg", { class: "rangebar", width: BAR_WIDTH, height: BAR_HEIGHT, viewBox: `0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`,
    "aria-label": `${claim.kind} ${claimFigure(claim)}` }, svg("title", {}, `${claim.kind}: ${claimFigure(claim)}`), parts);
}

function claimRow(claim, max, best, onPick) {
  const who = claim.claimant || `the outlet${claim.outlet ? ` (${claim.outlet})` : ""}`;
  const when = claim.date || claim.published || "date unknown";
  const row = el("li", { class: "claim", "data-claim": claim.id, "data-doc": claim.doc_id, tabindex: 0 },
    el("div", { class: "claim-who" }, el("strong", { class: "claimant" }, who),
      el("span", { class: "outlet" }, claim.outlet || "unknown outlet"), el("span", { class: "when" }, when)),
    el("div", { class: "claim-what" },
      el("span", { class: `kind kind-${claim.kind}` }, claim.kind), " ",
      el("span", { class: "figure" }, claimFigure(claim)),
      claim.victim_text ? el("span", { class: "victims" }, ` ${claim.victim_text}`) : null),
    rangeBar(claim, max, best));
  on(row, "click", () => onPick(claim.id));
  on(row, "keydown", (e) => { if (e.key === "Enter") onPick(claim.id); });
  return row;
}

/** The document text with each claim's sentence in a <mark>; claims sharing a sentence share it. */
export function highlightedText(text, claims) {
  const spans = claims
    .filter((c) => c.start >= 0 && c.end <= text.length && c.start < c.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const nodes = [];
  const marks = new Map();
  let pos = 0;
  let current = null;
  for (const claim of spans) {
    if (current && claim.start < current.end) { // the same or an overlapping sentence: one mark
      marks.set(claim.id, current.node);
      current.node.dataset.claims += ` ${claim.id}`;
      continue;
    }
    if (claim.start > pos) nodes.push(document.createTextNode(text.slice(pos, claim.start)));
    const node = el("mark", { class: "sentence", "data-claim": claim.id }, text.slice(claim.start, claim.end));
    node.dataset.claims = claim.id;
    nodes.push(node);
    marks.set(claim.id, node);
    current = { end: claim.end, node };
    pos = claim.end;
  }
  if (pos < text.length) nodes.push(document.createTextNode(text.slice(pos)));
  return { nodes, marks };
}

function header(event) {
  const f = event.fatalities;
  const chip = el("span", { class: "chip" }, event.event_type);
  chip.style.background = typeColour(event.event_type);
  const associated = event.associated_actors.map((a) => a.name).join("; ");
  return [
    el("div", { class: "event-head" }, chip, el("h2", { class: "event-title" }, event.sub_event_type)),
    el("dl", { class: "facts" },
      el("dt", {}, "Date"), el("dd", {}, dateText(event)),
      el("dt", {}, "Place"), el("dd", {}, placeText(event)),
      el("dt", {}, "Actors"), el("dd", {}, actorsText(event)),
      associated ? [el("dt", {}, "Associated"), el("dd", {}, associated)] : null,
      el("dt", {}, "Fatalities"), el("dd", { class: "fatalities" }, fatalityText(f),
        disputed(f) ? el("span", { class: "badge disputed", title: "the sources give different figures" }, "sources disagree") : null),
      el("dt", {}, "Reports"), el("dd", {}, `${event.n_documents} document(s), ${event.claims.length} claim(s)`)),
  ];
}

export function renderEvent(container, event, { loadDocument, onClose }) {
  const max = scaleMax(event.claims);
  const best = event.fatalities ? event.fatalities.best : null;
  const rows = new Map();
  const marks = new Map();
  const pick = (claimId) => {
    for (const [id, row] of rows) row.classList.toggle("active", id === claimId);
    for (const mark of container.querySelectorAll("mark.active")) mark.classList.remove("active");
    const mark = marks.get(claimId);
    if (mark) {
      mark.classList.add("active");
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  };
  const list = el("ol", { class: "claims" }, event.claims.map((c) => {
    const row = claimRow(c, max, best, pick);
    rows.set(c.id, row);
    return row;
  }));
  const sources = event.sources.map((src) => {
    const body = el("div", { class: "article-text", "data-doc": src.id }, "Loading the article…");
    const block = el("article", { class: "source", "data-doc": src.id },
      el("h4", {}, src.title || "(untitled)"),
      el("div", { class: "source-meta" }, src.outlet || "unknown outlet", " · ", src.published || "date unknown",
        src.url ? [" · ", link(src.url)] : null),
      body);
    loadDocument(src.id).then((doc) => {
      const own = event.claims.filter((c) => c.doc_id === src.id);
      const { nodes, marks: docMarks } = highlightedText(doc.text, own);
      for (const [id, mark] of docMarks) {
        marks.set(id, mark);
        on(mark, "click", () => pick(id));
      }
      replace(body, nodes);
    }).catch((err) => replace(body, `Could not load the article: ${err.message}`));
    return block;
  });
  const close = el("button", { class: "close", type: "button", "aria-label": "Back to the event list" }, "← All events");
  on(close, "click", onClose);
  replace(container,
    close,
    header(event),
    el("h3", {}, `Claims (${event.claims.length})`),
    event.claims.length ? el("p", { class: "hint" }, "One bar per claim on a shared scale; the dashed line is the coded (best) figure. Click a claim to see its sentence.") : el("p", { class: "hint" }, "No casualty claims."),
    list,
    el("h3", {}, `Sources (${event.sources.length})`),
    sources);
}
