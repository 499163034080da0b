"""Options: packaged defaults (``settings.toml``) overridden by a user file, validated once.

Stages receive the typed :class:`Options` (or the section they need), never raw dicts.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import UsageError

__all__ = ["Options", "IngestOptions", "NlpOptions", "PlacesOptions", "ActorsOptions", "load_options", "sitrep_home"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestOptions(_Section):
    max_bytes: int = Field(gt=0)
    max_chars: int = Field(gt=0)
    min_english_score: float = Field(ge=0, le=1)


class NlpOptions(_Section):
    model: str
    batch_size: int = Field(gt=0)


class PlacesOptions(_Section):
    gazetteer: str = ""

    def gazetteer_path(self) -> Path:
        return Path(self.gazetteer) if self.gazetteer else sitrep_home() / "gazetteer.sqlite"


class ActorsOptions(_Section):
    lexicons: list[str] = Field(default_factory=list)


class Options(_Section):
    ingest: IngestOptions
    nlp: NlpOptions
    places: PlacesOptions
    actors: ActorsOptions


def sitrep_home() -> Path:
    """Folder for built data (gazetteer index): ``$SITREP_HOME`` or ``~/.local/share/sitrep``."""
    env = os.environ.get("SITREP_HOME")
    return Path(env) if env else Path.home() / ".local" / "share" / "sitrep"


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_options(path: Optional[str | Path] = None, **overrides: dict[str, Any]) -> Options:
    """Packaged defaults, then the user's TOML file ``path``, then ``overrides`` (by section)."""
    text = resources.files("sitrep").joinpath("settings.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    if path is not None:
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise UsageError(f"cannot read config: {err}", input=str(path)) from err
    data = _merge(data, overrides)
    try:
        return Options.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"bad config value {where}: {first['msg']}", input=str(path or "settings")) from err
