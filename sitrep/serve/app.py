"""``sitrep serve``: the REST API and the offline web page over one sitrep store.

:func:`create_app` opens the store, starts the one writer thread (submitted articles),
and serves:

    /api/…            the JSON API (``routes.py``); spec at /api/openapi.json
    /                 the web page (``static/index.html``): map, timeline, filters, claims
    /static/…         the page's built bundle and the Natural Earth outlines, no CDN

The page is built from ``web/`` (``npm ci && npm run build``) into ``static/``, which is
committed, so running the server needs no Node. Every response carries headers that keep
the page's scripts to its own bundle (a Content-Security-Policy without inline script), a
second line of defence behind the page's rule of showing article text as text only.
"""

from __future__ import annotations

import logging
import queue
import threading
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..errors import StoreError, UsageError
from ..options import Options, load_options
from ..store import Store
from .jobs import Writer
from .queries import Reader
from .routes import ApiError, router

__all__ = ["create_app", "STATIC"]

log = logging.getLogger(__name__)

#: the built web page (index.html, app.js, app.css, countries-110m.json)
STATIC = Path(__file__).resolve().parent / "static"

_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
        b" object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
]


@dataclass
class _State:
    """What the handlers share: the store (its writer), a pool of readers, the token."""

    store: Store
    readers_con: duckdb.DuckDBPyConnection
    writer: Optional[Writer]
    token: Optional[str]
    _idle: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    _readers: list[Reader] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """A reader for one request: its own cursor, held by nobody else until the request ends.

        Not one per thread: FastAPI may run a request's dependencies and its handler on
        different pool threads, and a DuckDB connection refuses a second concurrent call.
        """
        try:
            found = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                found = Reader(self.readers_con.cursor(), self.store.path)
                self._readers.append(found)
        generation = self.writer.generation if self.writer else 0
        if found.generation != generation:
            found.forget(generation)
        try:
            yield found
        finally:
            self._idle.put(found)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        with self._lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        self.readers_con.close()
        self.store.close()


def create_app(
    store_path: str | Path,
    *,
    extractor_factory: Optional[Callable[[], object]] = None,
    token: Optional[str] = None,
    read_only: bool = False,
    options: Optional[Options] = None,
) -> FastAPI:
    """The FastAPI app over the store at ``store_path`` (created if missing, unless ``read_only``).

    ``extractor_factory`` builds the extractor for submitted articles on the first
    submission (default: the real :class:`~sitrep.pipeline.Extractor`); ``token``, when
    set, is required as ``Authorization: Bearer <token>`` by the write endpoints;
    ``read_only`` opens the store for reading only (another process writes it) and
    refuses submissions.
    """
    state = _open_state(store_path, extractor_factory, token, read_only, options or load_options())
    app = FastAPI(
        title="sitrep",
        summary="Conflict events from news reports, with every casualty claim and who makes it.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # FastAPI's docs page loads its scripts from a CDN: not offline
        redoc_url=None,
        lifespan=_lifespan(state),
    )
    app.state.sitrep = state
    app.include_router(router)
    _add_error_handlers(app)
    _add_page(app)
    app.add_middleware(_SecurityHeaders)
    return app


def _open_state(store_path, extractor_factory, token, read_only: bool, options: Options) -> _State:
    path = str(store_path)
    if path == ":memory:":
        raise UsageError("the server needs a store file", input=path, hint="give --db FILE")
    store = Store.open(path, read_only=read_only)
    try:
        # a second connection to the same file shares DuckDB's database instance in this process
        readers_con = duckdb.connect(path, read_only=read_only)
    except duckdb.Error as err:
        store.close()
        raise StoreError(f"cannot open the store for reading: {err}", input=path) from err
    writer = None
    if not read_only:
        factory = extractor_factory or _default_extractor(options)
        writer = Writer(store, factory, ingest_options=options.ingest)
    return _State(store=store, readers_con=readers_con, writer=writer, token=token or None)


def _default_extractor(options: Options) -> Callable[[], object]:
    def build():
        from ..runner import build_extractor

        return build_extractor(options)

    return build


def _lifespan(state: _State):
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        state.close()

    return lifespan


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> JSONResponse:
        body = {"error": err.message, "parameter": err.parameter}
        return JSONResponse(body, status_code=err.status, headers=err.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        errors = err.errors()
        first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
        where = [str(p) for p in first.get("loc", ())]
        parameter = where[-1] if where else None
        kind = where[0] if where else "request"
        message = f"invalid {kind} parameter {parameter!r}: {first.get('msg')}" if parameter else first.get("msg")
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
        return JSONResponse({"error": message, "parameter": parameter, "detail": detail}, status_code=422)


def _add_page(app: FastAPI) -> None:
    # StaticFiles resolves every path inside its directory and refuses the rest (no ../ escape)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        page = STATIC / "index.html"
        if not page.is_file():
            raise ApiError(503, "the web page is not built: run `npm ci && npm run build` in web/")
        return FileResponse(page, media_type="text/html; charset=utf-8")


class _SecurityHeaders:
    """Pure ASGI middleware adding :data:`_SECURITY_HEADERS` to every response (cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
