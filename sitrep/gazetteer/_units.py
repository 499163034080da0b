"""The words that make a name an administrative unit's ("Gelan District", "Cercle de Bourem").

One home for the unit-word patterns of the gazetteer build. They are not one list: each was fitted
to the source it cleans, and a word stripped where a source uses it as part of real names would
rename places (merging them changes the built index). Each says where it is used and why:

* :data:`REGION_SUFFIX` (build.py, first-level regions): generic region words, so "Kunduz
  Province" is listed as "Kunduz", as ACLED's admin1 is.
* :data:`CSC_UNIT` (build.py, countrystatecity "towns"): words that make a row an administrative
  unit ("Gweru District", "Cercle de Bourem"), listed as a district under its bare name. It has
  the unit words that source writes into its town rows (Zone, Division, the French Cercle).
* :data:`DISTRICT_UNIT` (_districts.py, GeoNames second-level districts): the unit word, trailing
  ("Shighnan District") or leading ("Municipio Catatumbo"), is no part of the name news uses;
  "City" is one here because "Marib City" is the district of the town Marib, which stands for it.
* :data:`BOUNDARY_UNIT` (_boundaries.py, geoBoundaries): dropped anywhere from a normalised
  (lower-case) name to make a matching key only, never a listed name; "wuluswali" is the Dari word
  for an Afghan district.
* :data:`BOUNDARY_SUFFIX` (_boundaries.py): the trailing "District" taken off the name a
  geoBoundaries centroid is listed under.
"""

from __future__ import annotations

import re

__all__ = ["REGION_SUFFIX", "CSC_UNIT", "DISTRICT_UNIT", "BOUNDARY_UNIT", "BOUNDARY_SUFFIX"]

REGION_SUFFIX = re.compile(
    r"\s+(?:Province|Governorate|Region|Oblast|State|District|Prefecture|Department|County|Division)$"
)
CSC_UNIT = re.compile(r"\s+(?:District|Zone|Department|Division|Prefecture|Municipality|Cercle)$"
                      r"|^(?:Département|Cercle|District|Municipality) (?:de |d[’'] ?|du |des )?")
DISTRICT_UNIT = re.compile(r"\s+(?:District|Rayon|Raion|Department|Municipality|County|Prefecture|City)$"
                           r"|^(?:Municipio|Distrito|Departamento|Provincia)\s+")
BOUNDARY_UNIT = re.compile(r"\b(?:district|rayon|raion|municipality|county|wuluswali)\b")
BOUNDARY_SUFFIX = re.compile(r"\s+District$", re.IGNORECASE)
