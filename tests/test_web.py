"""The web page in real headless Chromium: filter, open an event, see its claims and sentence, stay inert.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``): no
driver download, no extra Python package. The tests skip, saying why, when no Chromium is
installed (``scripts/install_browser.sh`` installs Debian's). Screenshots are saved to
``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import hashlib
import json
import os
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from sitrep.records import Actor, Claim, Document, Event, Mention, Place, Result
from sitrep.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)  # fmt: skip
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed: run scripts/install_browser.sh")


# -- a minimal DevTools-protocol client over a pipe ------------------------------------------------------
class Browser:
    """Headless Chromium with one page, driven by DevTools messages on fds 3 (in) and 4 (out)."""

    def __init__(self, width: int = 1400, height: int = 1000):
        self.profile = tempfile.mkdtemp(prefix="sitrep-chromium-")
        child_in, self._send = os.pipe()
        self._recv, child_out = os.pipe()
        # move the child's ends above fd 10, so dup2 onto 3 and 4 cannot clobber one another
        high_in, high_out = fcntl.fcntl(child_in, fcntl.F_DUPFD, 10), fcntl.fcntl(child_out, fcntl.F_DUPFD, 10)
        os.close(child_in), os.close(child_out)
        flags = [*FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe", f"--window-size={width},{height}"]
        self.proc = subprocess.Popen(
            [CHROMIUM, *flags, "about:blank"], preexec_fn=lambda: (os.dup2(high_in, 3), os.dup2(high_out, 4)),
            close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(high_in), os.close(high_out)
        self._buffer, self._next, self.events = b"", 0, []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def call(self, method: str, *, session: str | None = None, timeout: float = 30, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params, **({"sessionId": session} if session else {})}
        os.write(self._send, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for answer in self._read(deadline):
                if answer.get("id") == self._next:
                    if "error" in answer:
                        raise RuntimeError(f"{method}: {answer['error']}")
                    return answer.get("result", {})
                self.events.append(answer)

    def page(self, method: str, **params) -> dict:
        return self.call(method, session=self.session, **params)

    def _read(self, deadline: float) -> list[dict]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._recv], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._recv, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        *whole, self._buffer = self._buffer.split(b"\0")
        return [json.loads(w) for w in whole]

    def js(self, expression: str):
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", expression))
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.js(expression):
                    return
            except RuntimeError:  # the page is between documents while it navigates
                pass
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for: {expression}")

    def goto(self, url: str):
        self.page("Page.navigate", url=url)

    def click(self, selector: str):
        """A real mouse click at the middle of the element (what a user does), not element.click()."""
        box = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
                      " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")  # fmt: skip
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / ".gitignore").write_text("*\n")  # artifacts are for looking at, never for committing
        path = ARTIFACTS / name
        path.write_bytes(base64.b64decode(self.page("Page.captureScreenshot", format="png")["data"]))
        return path

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._send), os.close(self._recv)
        shutil.rmtree(self.profile, ignore_errors=True)


# -- the store the page shows -------------------------------------------------------------------------
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Market attack'
HOSTILE_SENTENCE = "Witnesses said <script>window.__pwned=2</script> 5 people were killed <img src=x onerror=window.__pwned=3>."
PLACES = {
    "SD": Place(id="gn:379252", name="El Fasher", country="SD", admin1="North Darfur", feature="city", lat=13.62793,
                lon=25.34936, geo_precision=1),
    "SO": Place(id="gn:53654", name="Mogadishu", country="SO", admin1="Banaadir", feature="city", lat=2.03711,
                lon=45.34375, geo_precision=1),
    "ML": Place(id="gn:2460596", name="Bamako", country="ML", admin1="Bamako", feature="city", lat=12.60915,
                lon=-7.97522, geo_precision=1),
}  # fmt: skip
ACTORS = {
    "rsf": Actor(id="rsf", name="Rapid Support Forces", kind="Rebel group"),
    "civ.sd": Actor(id="civ.sd", name="Civilians (Sudan)", kind="Civilians"),
    "al-shabaab": Actor(id="al-shabaab", name="Al Shabaab", kind="Rebel group"),
    "prot.ml": Actor(id="prot.ml", name="Protesters (Mali)", kind="Protesters"),
}


def report(name, *, title, outlet, url, published, country, day, types, actors, sentences, claimant_of) -> Result:
    """One article: its sentences, each the source of one claim ``(claimant, kind, low, high)``."""
    text = title + "\n\n" + " ".join(sentences)
    claims = []
    for n, sentence in enumerate(sentences, 1):
        claimant, kind, low, high = claimant_of[sentence]
        start = text.index(sentence)
        claims.append(Claim(id=f"c{n}", kind=kind, low=low, high=high, claimant=claimant, event="e1", date=day,
                            sentence=sentence, start=start, end=start + len(sentence)))  # fmt: skip
    event = Event(id="e1", event_type=types[0], sub_event_type=types[1], date=day, date_precision=1, actor1=actors[0],
                  actor2=actors[1] if len(actors) > 1 else None, place=PLACES[country].id,
                  claims=[c.id for c in claims], confidence=0.8, evidence=[Mention(start=claims[0].start, end=claims[0].end)])  # fmt: skip
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest()[:16], title=title, url=url, source=outlet,
                   published=published, language="en", text=text)  # fmt: skip
    return Result(input=name, document=doc, actors=[ACTORS[a] for a in actors], places=[PLACES[country]],
                  claims=claims, events=[event])  # fmt: skip


SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
DAY = dt.date(2024, 6, 15)


def results() -> list[Result]:
    rsf_says = "An RSF statement said shells fired at the market killed no more than 9 civilians."
    doctors_say = "A doctors' union said the shelling left 14 civilians dead and dozens hurt."
    return [
        report("dispatch.html", title="Shelling hits El Fasher market", outlet="Darfur Dispatch",
               url="https://darfur-dispatch.example/fasher", published=DAY, country="SD", day=DAY, types=SHELLING,
               actors=["rsf", "civ.sd"], sentences=[rsf_says], claimant_of={rsf_says: ("An RSF statement", "killed", 9, 9)}),
        report("sudan-wire.html", title="Doctors give higher toll for El Fasher shelling", outlet="Sudan Wire",
               url="https://sudan-wire.example/toll", published=DAY + dt.timedelta(days=1), country="SD", day=DAY,
               types=SHELLING, actors=["rsf", "civ.sd"], sentences=[doctors_say],
               claimant_of={doctors_say: ("A doctors' union", "killed", 14, 14)}),
        report("mogadishu.txt", title="Clashes in Mogadishu", outlet="Horn Post", url=None, published=dt.date(2024, 6, 20),
               country="SO", day=dt.date(2024, 6, 19), types=("Battles", "Armed clash"), actors=["al-shabaab"],
               sentences=["Police said 3 fighters were killed."],
               claimant_of={"Police said 3 fighters were killed.": ("Police", "killed", 3, 3)}),
        report("bamako.txt", title="March in Bamako", outlet="Sahel Desk", url=None, published=dt.date(2024, 6, 10),
               country="ML", day=dt.date(2024, 6, 9), types=("Protests", "Peaceful protest"), actors=["prot.ml"],
               sentences=["Organisers said 0 people were hurt."],
               claimant_of={"Organisers said 0 people were hurt.": ("Organisers", "injured", 0, 0)}),
        report("hostile.html", title=HOSTILE_TITLE, outlet='<script>window.__pwned=5</script>Outlet',
               url="javascript:window.__pwned=4", published=dt.date(2024, 5, 2), country="SO", day=dt.date(2024, 5, 1),
               types=("Violence against civilians", "Attack"), actors=["al-shabaab"], sentences=[HOSTILE_SENTENCE],
               claimant_of={HOSTILE_SENTENCE: ('<b onmouseover="window.__pwned=6">Witnesses</b>', "killed", 5, 5)}),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from sitrep.serve import create_app

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store.open(path) as store:
        store.save(results())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(path, extractor_factory=lambda: None)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def browser():
    if CHROMIUM is None:
        pytest.skip("no Chromium installed: run scripts/install_browser.sh")
    b = Browser()
    yield b
    b.close()


READY = "document.getElementById('app')?.dataset.ready === 'true'"


@needs_chromium
def test_filter_open_event_see_claims_and_highlighted_sentence(server, browser):
    browser.goto(server + "/")
    browser.wait(READY)
    # four events: the two El Fasher reports are one event (same day, place, actors)
    assert browser.js("document.querySelectorAll('svg.map circle.marker').length") == 4
    assert browser.js("document.querySelectorAll('svg.map path.country').length") > 150
    assert browser.js("document.querySelectorAll('svg.timeline .bin').length") >= 3
    browser.js("document.querySelector('select[name=event_type]').value = 'Explosions/Remote violence'")
    browser.click("#filters button[type=submit]")
    browser.wait("document.querySelectorAll('tr.event-row').length === 1")
    assert browser.js("document.querySelector('tr.event-row').dataset.type") == "Explosions/Remote violence"
    assert browser.js("document.querySelectorAll('svg.map circle.marker').length") == 1
    assert "event_type=Explosions" in browser.js("location.hash")
    browser.click("tr.event-row")
    browser.wait("document.querySelectorAll('#panel li.claim').length === 2")
    rows = browser.js("[...document.querySelectorAll('#panel li.claim')].map(r => r.querySelector('.claim-who').innerText)")
    assert any("An RSF statement" in r and "Darfur Dispatch" in r and "2024-06-15" in r for r in rows), rows
    assert any("A doctors' union" in r and "Sudan Wire" in r for r in rows), rows
    figures = browser.js("[...document.querySelectorAll('#panel li.claim .figure')].map(f => f.textContent).sort()")
    assert figures == ["14", "9"]
    assert browser.js("document.querySelectorAll('#panel svg.rangebar rect.range').length") == 2
    assert "sources disagree" in browser.js("document.querySelector('#panel .fatalities').textContent")
    assert "best 9 (9–14)" in browser.js("document.querySelector('#panel .fatalities').textContent")
    browser.wait("document.querySelectorAll('#panel mark.sentence').length === 2")
    browser.click("#panel li.claim[data-claim$=':c1']")
    browser.wait("document.querySelector('#panel mark.sentence.active') !== null")
    marked = browser.js("document.querySelector('#panel mark.sentence.active').textContent")
    assert marked in ("An RSF statement said shells fired at the market killed no more than 9 civilians.",
                      "A doctors' union said the shelling left 14 civilians dead and dozens hurt.")  # fmt: skip
    chosen = browser.js("document.querySelector('#panel li.claim.active .claimant').textContent")
    assert marked.startswith(chosen)
    shot = browser.screenshot("web-event-claims.png")
    assert shot.stat().st_size > 20_000


@needs_chromium
def test_marker_size_follows_best_fatalities(server, browser):
    browser.goto(server + "/")
    browser.wait(READY)
    radii = browser.js("Object.fromEntries([...document.querySelectorAll('circle.marker')]"
                       ".map(c => [c.dataset.type, parseFloat(c.getAttribute('r'))]))")  # fmt: skip
    # El Fasher: best 9; Mogadishu clash: 3; the hostile attack: 5
    assert radii["Explosions/Remote violence"] > radii["Violence against civilians"] > radii["Battles"]
    browser.screenshot("web-overview.png")


@needs_chromium
def test_article_markup_renders_inert(server, browser):
    import httpx

    hostile = httpx.get(server + "/api/events", params={"q": "pwned"}).json()["events"]
    assert len(hostile) == 1
    browser.goto(f"{server}/#event={hostile[0]['id']}")
    browser.wait("document.querySelectorAll('#panel mark.sentence').length === 1")
    browser.click("#panel li.claim")
    time.sleep(0.3)
    assert browser.js("typeof window.__pwned") == "undefined"
    # the markup is there, as characters
    assert browser.js("document.querySelector('#panel mark.sentence').textContent") == HOSTILE_SENTENCE
    assert browser.js("document.querySelector('#panel article.source h4').textContent") == HOSTILE_TITLE
    assert "<script>" in browser.js("document.querySelector('#panel .source-meta').textContent")
    assert browser.js("document.querySelector('#panel .claimant').textContent").startswith("<b onmouseover=")
    # …and no element was made from it, and the javascript: URL is not a link
    assert browser.js("document.querySelectorAll('#panel script, #panel img, #panel b, #app img').length") == 0
    assert browser.js("[...document.querySelectorAll('a')].some(a => a.href.startsWith('javascript:'))") is False
    assert browser.js("[...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))") is False
    browser.screenshot("web-hostile-article.png")


@pytest.mark.skipif(shutil.which("node") is None or not (ROOT / "web" / "node_modules").is_dir(),
                    reason="no Node or no web/node_modules: run `npm ci` in web/")  # fmt: skip
def test_committed_bundle_is_built_from_the_sources():
    done = subprocess.run(["node", "build.mjs", "--check"], cwd=ROOT / "web", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
