"""Text from outside — a URL parameter, a file's name, a cell of an uploaded file — shown as text, never
as Markdown (issue 28, item 5): a link, an image (which the browser would fetch), a colour or icon
directive, HTML or a formula put into a link, a file or a cell must reach the screen as the characters
it is made of.

Streamlit renders the text of st.warning, st.toast, st.caption and st.markdown as Markdown (GitHub's,
with autolinks, plus its own :colour[…] and :material/…: directives and $…$ formulas) and gives those
elements no plain-text mode; so such a value is escaped before it is put into a message. CommonMark
shows a backslash-escaped ASCII punctuation character as itself, and these are the characters that
start something: links and images ([ ] ( ) !), HTML (< >), code (`), emphasis and strike-through (* _ ~),
tables (|), formulas ($), headings (#), escapes (\\), autolinks (the / of http://, the . of www., the @ of
an address) and directives (: before a letter). A line break becomes a space (a value cannot start a new
block) and so does a list or quote marker at the start. Dates, numbers, times and Chinese punctuation
are left as they are, so what a message says reads the same in its source.
"""
from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*_\[\]()!<>|~$#/@{}])")
_DIRECTIVE = re.compile(r":(?=[A-Za-z])")  # :red[…], :material/…:, :smile:, http:
_WWW = re.compile(r"(?i)\b(www)\.")
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
_LEADING = re.compile(r"^(\s*)([-+=>])")  # a list item, a setext underline, a quote
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")  # a numbered list item


def literal(text: object) -> str:
    """`text` escaped so that Markdown shows it exactly as it is (see the module's docstring)."""
    out = _ALWAYS.sub(r"\\\1", _BREAKS.sub(" ", str(text)))
    out = _WWW.sub(r"\1\\.", _DIRECTIVE.sub(r"\\:", out))
    out = _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
    return _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
