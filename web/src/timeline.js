// The timeline: per day (or week, or month when the span is long) the number of events
// (bars below) and their fatalities: the low–high band of what sources claim, and the
// conservative best figure as a dot. An open-ended claim ("at least 12") makes the band's
// top a floor: it is drawn with a dashed arrow upwards.

import { svg, replace, on } from "./dom.js";

const WIDTH = 800;
const HEIGHT = 210;
const LEFT = 44;
const RIGHT = 12;
const TOP = 12;
const FAT_BOTTOM = 130;
const COUNT_TOP = 146;
const COUNT_BOTTOM = 184;
const DAY = 86400000;
const MIN_BINS = 14;

function utc(dateText) {
  return Date.parse(`${dateText}T00:00:00Z`);
}

function iso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The bin unit for a span of days: day up to four months, week up to two years, then month. */
export function binUnit(spanDays) {
  if (spanDays <= 120) return "day";
  if (spanDays <= 730) return "week";
  return "month";
}

function binStart(ms, unit) {
  const d = new Date(ms);
  if (unit === "week") return ms - ((d.getUTCDay() + 6) % 7) * DAY; // weeks start on Monday
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return ms;
}

function binEnd(start, unit) {
  if (unit === "week") return start + 7 * DAY;
  if (unit === "month") {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return start + DAY;
}

/** Days from /api/timeline summed into bins of ``unit``. */
export function bin(days, unit) {
  const bins = new Map();
  for (const day of days) {
    const start = binStart(utc(day.date), unit);
    const b = bins.get(start) || { start, end: binEnd(start, unit), events: 0, low: 0, best: 0, high: 0, open: false };
    b.events += day.events;
    b.low += day.low;
    b.best += day.best;
    b.high += day.high;
    b.open = b.open || day.open_ended;
    bins.set(start, b);
  }
  return [...bins.values()].sort((a, b) => a.start - b.start);
}

function niceMax(value) {
  if (value <= 1) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

function axis(x0, x1, unit) {
  const ticks = [];
  const count = 6;
  let previous = null;
  for (let i = 0; i <= count; i++) {
    const ms = x0 + ((x1 - x0) * i) / count;
    const text = unit === "month" ? iso(ms).slice(0, 7) : iso(ms);
    if (text === previous) continue;
    previous = text;
    ticks.push(svg("text", { class: "tick", x: LEFT + ((WIDTH - LEFT - RIGHT) * i) / count, y: HEIGHT - 8,
      "text-anchor": i === 0 ? "start" : i === count ? "end" : "middle" }, text));
  }
  return ticks;
}

export function createTimeline(container, { onPickRange }) {
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "timeline", role: "img",
    "aria-label": "Events and fatalities over time" });
  replace(container, root);

  function render(days) {
    if (!days.length) {
      replace(root, svg("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" }, "No dated events"));
      return;
    }
    const first = utc(days[0].date);
    const last = utc(days[days.length - 1].date);
    const unit = binUnit((last - first) / DAY);
    const bins = bin(days, unit);
    // at least MIN_BINS bins wide, so one busy day is a bar, not the whole chart
    const unitMs = { day: DAY, week: 7 * DAY, month: 30 * DAY }[unit];
    const pad = Math.max(0, MIN_BINS * unitMs - (bins[bins.length - 1].end - bins[0].start)) / 2;
    const x0 = bins[0].start - pad;
    const x1 = bins[bins.length - 1].end + pad;
    const x = (ms) => LEFT + ((ms - x0) / (x1 - x0)) * (WIDTH - LEFT - RIGHT);
    const fMax = niceMax(Math.max(1, ...bins.map((b) => Math.max(b.high, b.best))));
    const cMax = niceMax(Math.max(1, ...bins.map((b) => b.events)));
    const yF = (v) => FAT_BOTTOM - (v / fMax) * (FAT_BOTTOM - TOP);
    const yC = (v) => COUNT_BOTTOM - (v / cMax) * (COUNT_BOTTOM - COUNT_TOP);
    const marks = bins.map((b) => {
      const left = x(b.start);
      const width = Math.max(3, x(b.end) - left - 1);
      const mid = left + width / 2;
      const label = `${iso(b.start)}${unit === "day" ? "" : ` to ${iso(b.end - DAY)}`}: ${b.events} event(s); ` +
        `fatalities best ${b.best}, low ${b.low}, high ${b.high}${b.open ? " or more" : ""}`;
      const group = svg("g", { class: "bin", tabindex: 0, role: "button", "aria-label": label },
        svg("title", {}, label),
        svg("rect", { class: "hit", x: left, y: TOP, width, height: COUNT_BOTTOM - TOP, fill: "transparent" }),
        svg("rect", { class: "band", x: left, y: yF(b.high), width, height: Math.max(1.5, yF(b.low) - yF(b.high)) }),
        b.open ? svg("line", { class: "open", x1: mid, x2: mid, y1: yF(b.high), y2: Math.max(TOP, yF(b.high) - 14) }) : null,
        svg("circle", { class: "best", cx: mid, cy: yF(b.best), r: 2.6 }),
        svg("rect", { class: "count", x: left, y: yC(b.events), width, height: COUNT_BOTTOM - yC(b.events) }));
      on(group, "click", () => onPickRange(iso(b.start), iso(b.end - DAY)));
      return group;
    });
    replace(root,
      svg("line", { class: "axis", x1: LEFT, x2: WIDTH - RIGHT, y1: FAT_BOTTOM, y2: FAT_BOTTOM }),
      svg("line", { class: "axis", x1: LEFT, x2: WIDTH - RIGHT, y1: COUNT_BOTTOM, y2: COUNT_BOTTOM }),
      svg("text", { class: "tick", x: LEFT - 6, y: TOP + 4, "text-anchor": "end" }, String(fMax)),
      svg("text", { class: "tick", x: LEFT - 6, y: FAT_BOTTOM, "text-anchor": "end" }, "0"),
      svg("text", { class: "tick", x: LEFT - 6, y: COUNT_TOP + 4, "text-anchor": "end" }, String(cMax)),
      svg("text", { class: "label", x: LEFT + 4, y: TOP + 4 }, `fatalities per ${unit} (band low–high, dot best)`),
      svg("text", { class: "label", x: LEFT + 4, y: COUNT_TOP - 2 }, `events per ${unit}`),
      marks, axis(x0, x1, unit));
  }

  return { render };
}
