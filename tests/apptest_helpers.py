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
