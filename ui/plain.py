"""Text from outside — a URL parameter, a file's name, a cell of an uploaded file — shown as text, never
as Markdown (issue 28, item 5): a link, an image (which the browser would fetch), a colour or icon
directive, HTML or a formula put into a link, a file or a cell must reach the screen as the characters
it is made of.

Streamlit renders the text of st.warning, st.toast, st.caption and st.markdown as Markdown (with its own
:colour[…] and :material/…: directives and $…$ formulas), and gives those elements no plain-text mode;
so such a value is escaped before it is put into a message: every ASCII punctuation character gets a
backslash (CommonMark: "any ASCII punctuation character may be backslash-escaped", and the escaped
character is shown as itself), and a line break becomes a space (a value cannot start a new block).
"""
from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def literal(text: object) -> str:
    """`text` escaped so that Markdown shows it exactly as it is (see the module's docstring)."""
    return _PUNCTUATION.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
