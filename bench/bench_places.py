"""Benchmark: what geoparsing costs (issue 3's speed targets), each measured in one run.

* **Resolution share of extract**: ``Extractor.extract_many`` over the bundled examples with
  the place stage as shipped, against the same with :func:`find_places` answering "no places"
  (everything else unchanged), alternating, CPU time, median of ``--repeat`` runs each.
  Target: places add < 10%.
* **Gazetteer build**: ``sitrep gazetteer build`` into a temporary folder, wall seconds and
  size on disk. Targets: < 2 minutes, < 200 MB.
* **Lookup memory**: a fresh process opens the index and looks up 5,000 names (every
  example's capitalised words and the gazetteer's most populous places); peak RSS of that
  process minus its RSS after importing sitrep. Target: < 500 MB.

Writes ``bench/results/places.json``. Usage: ``python bench/bench_places.py [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_extract import _interleaved, _raws, write_result  # noqa: E402

_LOOKUPS = r"""
import resource, sqlite3, sys
sys.path.insert(0, {root!r})
from sitrep.gazetteer import Gazetteer
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
path = {path!r}
names = [r[0] for r in sqlite3.connect(path).execute(
    "SELECT name FROM place ORDER BY population DESC LIMIT 4000")] + {words!r}
with Gazetteer.open(path) as g:
    found = sum(bool(g.lookup(n)) for n in names[:5000])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before, after, min(len(names), 5000), found)
"""


def _no_places(doc, *, gazetteer, actor_countries=()):
    from sitrep.extract.places import PlacesFound

    return PlacesFound(places=[], mentions=[], country=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--skip-build", action="store_true", help="leave out the gazetteer build")
    args = parser.parse_args()

    import sitrep.extract.places as places
    from sitrep.options import load_options
    from sitrep.pipeline import Extractor

    options = load_options()
    extractor = Extractor(options)
    raws = _raws(options)
    shipped = places.find_places

    def without():
        places.find_places = _no_places
        try:
            list(extractor.extract_many(raws))
        finally:
            places.find_places = shipped

    base, full = _interleaved(without, lambda: list(extractor.extract_many(raws)), args.repeat)
    result: dict = {
        "articles": len(raws),
        "extract_without_places_cpu_s": round(base, 4),
        "extract_cpu_s": round(full, 4),
        "places_share_of_extract": round((full - base) / full, 4),
        "ratio_with_to_without": round(full / base, 4),
    }

    gazetteer = options.places.gazetteer_path()
    words = sorted({w.strip(".,;:()\"'") for raw in raws for w in (raw.text or "").split() if w[:1].isupper()})
    probe = _LOOKUPS.format(root=str(ROOT), path=str(gazetteer), words=words)
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout.split()
    before, after, asked, found = map(int, out)
    result.update({"lookups": asked, "lookups_found": found, "lookup_rss_mb": round(after / 1024, 1),
                   "lookup_rss_added_mb": round((after - before) / 1024, 1)})  # fmt: skip

    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "gazetteer.sqlite"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "sitrep.cli", "gazetteer", "build", "--path", str(path)],
                           check=True, capture_output=True)  # fmt: skip
            result["gazetteer_build_s"] = round(time.perf_counter() - start, 1)
            result["gazetteer_mb"] = round(path.stat().st_size / 2**20, 1)
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]

    write_result("places", result)


if __name__ == "__main__":
    main()
