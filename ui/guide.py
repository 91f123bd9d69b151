"""The user guide (docs/使用说明.md) as the dashboard shows it: its text as Markdown, its screenshots as images.

The guide is one Markdown file kept with the project (the same text a reader opens on disk); a line that is only
an image (`![caption](img/x.png)`) becomes st.image of that file, because Markdown in the browser cannot reach
the server's folders. The file is named after the page's Chinese title, so no path holds a word of its own.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from unionboard.i18n import msg

DOCS = Path(__file__).resolve().parent.parent / "docs"
_IMAGE = re.compile(r"!\[(?P<caption>[^\]]*)\]\((?P<path>[^)\s]+)\)")


@dataclass(frozen=True)
class Block:
    """A piece of the guide: Markdown text, or an image file (absolute path) with its caption."""

    text: str = ""
    image: Path | None = None
    caption: str = ""


def guide_path() -> Path:
    """docs/<the guide page's Chinese title>.md."""
    return DOCS / f"{msg('page_guide', 'zh')}.md"


def blocks(text: str, folder: Path = DOCS) -> list[Block]:
    """The guide cut into Markdown runs and the images between them (paths relative to `folder`)."""
    out: list[Block] = []
    run: list[str] = []
    for line in text.splitlines():
        image = _IMAGE.fullmatch(line.strip())
        if image is None:
            run.append(line)
            continue
        if any(r.strip() for r in run):
            out.append(Block(text="\n".join(run).strip("\n")))
        run = []
        out.append(Block(image=(folder / image["path"]).resolve(), caption=image["caption"]))
    if any(r.strip() for r in run):
        out.append(Block(text="\n".join(run).strip("\n")))
    return out


@functools.lru_cache(maxsize=2)
def _read(path: str, mtime_ns: int) -> tuple[Block, ...]:
    """The guide's blocks as of one version of the file (an edit is seen on the next rerun)."""
    return tuple(blocks(Path(path).read_text(encoding="utf-8"), Path(path).parent))


def guide_blocks(path: Path | None = None) -> tuple[Block, ...] | None:
    """The blocks of the guide on disk; None when the file is missing."""
    path = path or guide_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    return _read(str(path), mtime)
