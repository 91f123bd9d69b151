"""Helpers for driving the dashboard with Streamlit's AppTest."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest


def open_page(page: str | None = None, query: dict | None = None) -> AppTest:
    """Run the dashboard (optionally on a page, with URL query parameters) and return the AppTest."""
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """KPI label → shown value."""
    return {m.label: m.value for m in at.metric}


def texts(at: AppTest) -> str:
    """All markdown, captions, infos and warnings of the page, joined."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [s.value for s in at.subheader] + [t.value for t in at.title]
    return "\n".join(str(p) for p in parts)


def decoded(values: object) -> list:
    """Plotly JSON arrays, plain or binary-packed ({"dtype": …, "bdata": …}), as a list."""
    if isinstance(values, dict) and "bdata" in values:
        import base64

        import numpy as np
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    """Submit the sign-in form of an open page."""
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    at.button[0].click().run()
    return at


def capture_downloads(monkeypatch) -> dict:  # noqa: ANN001 - pytest's monkeypatch
    """Record what every st.download_button is given (bytes, or the callable that makes them on click),
    by key, as the page passes it: AppTest has no runtime to serve the files themselves."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    seen: dict = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen[kwargs.get("key")] = data
        return original(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    monkeypatch.setattr(st, "download_button", lambda *a, **kw: recording(st._main, *a, **kw))
    return seen


def download_data(seen: dict, key: str) -> bytes:
    """The bytes a recorded download button gives when clicked."""
    data = seen[key]
    return data() if callable(data) else data


def server_like(monkeypatch) -> None:  # noqa: ANN001 - pytest's monkeypatch
    """Make AppTest run pages as a running server does, so that buttons whose return value a page reads
    (确认导入, 回退) can be clicked.

    Before every run AppTest resets Streamlit's multipage flag, so each run starts in the legacy
    pages/ mode and ui.shell.page_setup reruns once into st.navigation — which drops a click. A server
    keeps the flag off after its first navigation (bench.server_like_apptest does the same).
    """
    from streamlit.runtime.pages_manager import PagesManager

    init = PagesManager.__init__

    def steady_init(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", steady_init)
