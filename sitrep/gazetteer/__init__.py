"""The offline gazetteer: an SQLite index of GeoNames-derived places, built from packaged data.

``build_gazetteer`` writes it, ``import_geonames`` adds a GeoNames dump (passes, valleys,
districts, villages), ``Gazetteer.open`` reads it. The default location is
``sitrep.options.PlacesOptions.gazetteer_path()``.
"""

from .build import BuildReport, PlaceRow, Sources, build_gazetteer
from .geonames import ImportReport, import_geonames
from .index import Candidate, Gazetteer, ensure_gazetteer, normalise

__all__ = [
    "Candidate",
    "Gazetteer",
    "ensure_gazetteer",
    "normalise",
    "BuildReport",
    "PlaceRow",
    "Sources",
    "build_gazetteer",
    "ImportReport",
    "import_geonames",
]
