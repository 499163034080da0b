// Shared wording and colours: one place says how a figure or a type is shown.

export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
];

// Colour-blind-safe (Okabe–Ito) colours, one per ACLED event type.
const TYPE_COLOURS = {
  "Battles": "#d55e00",
  "Explosions/Remote violence": "#cc79a7",
  "Violence against civilians": "#0072b2",
  "Protests": "#009e73",
  "Riots": "#e69f00",
  "Strategic developments": "#56b4e9",
};

export function typeColour(type) {
  return TYPE_COLOURS[type] || "#777777";
}

export const KIND_COLOURS = {
  killed: "#b2182b",
  injured: "#ef8a62",
  casualties: "#d6604d",
  missing: "#8073ac",
  abducted: "#542788",
  captured: "#4d4d4d",
  arrested: "#4d4d4d",
  displaced: "#878787",
};

/** "12", "9–14", "at least 4", "none (denied)", "no number". */
export function claimFigure(claim) {
  if (claim.denial) return "none (denied)";
  if (claim.vague && claim.low === null) return "no number";
  if (claim.low === null && claim.high !== null) return `up to ${claim.high}`;
  if (claim.high === null) return `at least ${claim.low}`;
  return claim.low === claim.high ? String(claim.low) : `${claim.low}–${claim.high}`;
}

/** "best 9 (9–14)" or "best 15 (15 or more)" or "no fatality figure". */
export function fatalityText(f) {
  if (!f) return "no fatality figure";
  const high = f.high === null ? `${f.low} or more` : f.low === f.high ? null : `${f.low}–${f.high}`;
  return high ? `best ${f.best} (${high})` : `best ${f.best}`;
}

/** Whether the sources disagree: a range, or an open-ended high. */
export function disputed(f) {
  return !!f && (f.high === null || f.low !== f.high);
}

export function dateText(event) {
  if (!event.date) return "date unknown";
  const suffix = { 1: "", 2: " (week of)", 3: " (month of)" }[event.date_precision] ?? "";
  return event.date + suffix;
}

export function placeText(event) {
  return [event.location, event.admin1, event.country].filter(Boolean).join(", ") || "place unknown";
}

export function actorsText(event) {
  const names = [event.actor1, event.actor2].filter(Boolean).map((a) => a.name);
  return names.join(" vs ") || "actors unknown";
}
