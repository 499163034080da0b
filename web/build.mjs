// Build sitrep's web page into ../sitrep/serve/static/ (committed: Python users need no Node).
//
//   npm ci && npm run build     reproduce the committed bundle (pinned versions, package-lock.json)
//   npm run check               build to a temporary folder and fail if it differs from the committed one
//
// Output: index.html, app.js (+ app.css) bundled by esbuild, countries-110m.json (Natural
// Earth outlines from world-atlas) and LICENSES.txt (the bundled packages' licences).

import { build } from "esbuild";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const committed = join(here, "..", "sitrep", "serve", "static");
const check = process.argv.includes("--check");
const out = check ? mkdtempSync(join(tmpdir(), "sitrep-web-")) : committed;
const BUNDLED = ["d3-geo", "d3-array", "internmap", "topojson-client", "world-atlas"];

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  outfile: join(out, "app.js"),
  format: "iife",
  target: ["es2020"],
  minify: true,
  legalComments: "none", // the licences go to LICENSES.txt, whole
  logLevel: "warning",
  charset: "utf8",
});
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
copyFileSync(join(here, "node_modules", "world-atlas", "countries-110m.json"), join(out, "countries-110m.json"));

const licences = BUNDLED.map((name) => {
  const dir = join(here, "node_modules", name);
  const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  const text = file ? readFileSync(join(dir, file), "utf8").trim() : `(${license})`;
  return `${name} ${version} (${license})\n\n${text}\n`;
});
const header = "sitrep's web page bundles these packages from the npm registry. The country outlines in\n" +
  "countries-110m.json are Natural Earth 1:110m data (public domain), as packaged by world-atlas.\n";
writeFileSync(join(out, "LICENSES.txt"), [header, ...licences].join("\n" + "-".repeat(72) + "\n\n"));

if (check) {
  const differ = readdirSync(out).filter((f) => {
    try {
      return !readFileSync(join(out, f)).equals(readFileSync(join(committed, f)));
    } catch {
      return true;
    }
  });
  rmSync(out, { recursive: true, force: true });
  if (differ.length) {
    console.error(`the committed bundle is stale: ${differ.join(", ")} differ; run npm run build`);
    process.exit(1);
  }
  console.log("the committed bundle matches the sources");
}
