"""sitrep: conflict news in, structured source-attributed event data out.

>>> import sitrep                                            # doctest: +SKIP
>>> result = sitrep.extract("report.html")                   # doctest: +SKIP
>>> [(e.sub_event_type, e.fatalities) for e in result.events]  # doctest: +SKIP
"""

from .errors import SitrepError
from .options import Options, load_options
from .records import Actor, Claim, Document, Event, Fatalities, Place, Quote, Result

__all__ = [
    "extract",
    "Extractor",
    "Options",
    "load_options",
    "Result",
    "Document",
    "Actor",
    "Place",
    "Quote",
    "Claim",
    "Event",
    "Fatalities",
    "SitrepError",
]

__version__ = "0.1.0"


def __getattr__(name: str):
    # the pipeline imports spaCy (a second or more): load it when first asked for, so
    # `import sitrep.records` and `sitrep --help` stay quick
    if name in {"extract", "Extractor"}:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
