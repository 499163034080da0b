// DOM helpers. The page's one rule: data from the store (article text, titles, names,
// claimants) only ever reaches the page as text nodes or checked attributes, never as
// markup. There is no innerHTML in this code base; a report containing "<script>" or an
// "onerror=" attribute shows those characters and runs nothing.

const SVG_NS = "http://www.w3.org/2000/svg";

// Attributes we set from data: anything else (on*, href, src, style) is refused.
const SAFE_ATTRS = new Set([
  "class", "id", "title", "type", "value", "name", "placeholder", "for", "role", "tabindex", "min", "max",
  "step", "aria-label", "aria-selected", "aria-live", "aria-hidden", "colspan", "disabled", "selected",
  "data-id", "data-claim", "data-doc", "data-type", "data-testid",
  // SVG geometry and presentation
  "d", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "viewBox", "transform",
  "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "opacity",
  "text-anchor", "dominant-baseline", "font-size", "preserveAspectRatio", "points", "marker-end",
]);

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (!SAFE_ATTRS.has(key)) throw new Error(`refusing attribute ${key}`);
    node.setAttribute(key, value === true ? "" : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** An HTML element; string children become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** An SVG element; string children become text nodes. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** Replace every child of ``node``. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A link only for http(s) URLs; anything else (javascript:, data:) stays plain text. */
export function link(url, text) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    return el("span", { class: "url" }, text || url || "");
  }
  const a = el("a", { class: "url" }, text || url);
  a.href = parsed.href;
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  return a;
}

export function on(node, type, handler) {
  node.addEventListener(type, handler);
  return node;
}
