// The page's client of sitrep's API (same origin: the page is served by `sitrep serve`).

export const FILTER_KEYS = ["since", "until", "country", "admin1", "event_type", "actor", "min_fatalities", "q"];

/** Query string of the filter's non-empty values, plus ``extra``. */
export function queryString(filter, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== null && String(value).trim() !== "") params.set(key, String(value).trim());
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

async function get(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    throw new Error(message);
  }
  return body;
}

export const api = {
  meta: () => get("/api/meta"),
  events: (filter, { limit = 500, cursor = null } = {}) => get(`/api/events${queryString(filter, { limit, cursor })}`),
  timeline: (filter) => get(`/api/timeline${queryString(filter)}`),
  event: (id) => get(`/api/events/${encodeURIComponent(id)}`),
  document: (id) => get(`/api/documents/${encodeURIComponent(id)}`),
  exportUrl: (filter, format) => `/api/export${queryString(filter, { format })}`,
  outlines: () => get("/static/countries-110m.json"),
};
