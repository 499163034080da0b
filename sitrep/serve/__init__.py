"""The REST API and the offline web page (``sitrep serve``); see :mod:`sitrep.serve.app`."""

from .app import create_app

__all__ = ["create_app"]
