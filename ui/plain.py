"""Text from outside — a URL parameter, a file's name, a cell of an uploaded file — shown as text, never
as Markdown (issue 28, item 5): a link, an image (which the browser would fetch), a colour or icon
directive, HTML or a formula put into a link, a file or a cell must reach the screen as the characters
it is made of.

Streamlit renders the text of st.warning, st.toast, st.caption and st.markdown as Markdown (GitHub's,
with autolinks, plus its own :colour[…] and :material/…: directives and $…$ formulas) and gives those
elements no plain-text mode; so such a value is escaped before it is put into a message:

- every character that starts something is backslash-escaped (CommonMark shows an escaped ASCII
  punctuation character as itself): links and images ([ ] ( ) !), HTML (< >), code (`), emphasis and
  strike-through (* _ ~), tables (|), formulas ($), headings (#), escapes (\\), directives (: before a
  letter); a list or quote marker at the start too;
- what GitHub's Markdown would turn into a link by itself — http://…, https://…, www.…, an e-mail
  address — is put in a code span, the one place no link is made (an escaped "http\\://" is still
  linked: the autolinks are found in the text after escapes are read; seen in Chromium);
- a line break becomes a space, so a value cannot start a new block.

Dates, numbers, times and Chinese punctuation are left as they are, so a message reads the same in its
source.
"""
from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*_\[\]()!<>|~$#{}])")
_DIRECTIVE = re.compile(r":(?=[A-Za-z/])")  # :red[…], :material/…:, :smile:
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
_LEADING = re.compile(r"^(\s*)([-+=>])")  # a list item, a setext underline, a quote
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")  # a numbered list item
_AUTOLINK = re.compile(r"(?i)(?:\b(?:https?|ftp|mailto|xmpp):|\bwww\.)\S*|[\w.+-]+@[\w-]+\.[\w.-]+")


def _code(text: str) -> str:
    """`text` as a code span: a fence longer than any run of backticks in it, padded where it must be."""
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _escaped(text: str) -> str:
    """Backslash-escape what starts Markdown in a piece of text with no autolink in it."""
    return _DIRECTIVE.sub(r"\\:", _ALWAYS.sub(r"\\\1", text))


def literal(text: object) -> str:
    """`text` so that Streamlit's Markdown shows it exactly as it is (see the module's docstring)."""
    text = _BREAKS.sub(" ", str(text))
    out, last = [], 0
    for m in _AUTOLINK.finditer(text):
        out += [_escaped(text[last:m.start()]), _code(m.group())]
        last = m.end()
    out.append(_escaped(text[last:]))
    joined = "".join(out)
    joined = _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), joined)
    return _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), joined)
