"""The bundled town dictionary: Jiading district's 12 town-level units (DATA-FORMAT.md)."""
from __future__ import annotations

# (name, kind, aliases) in dictionary order
JIADING_TOWNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("新成路街道", "街道", ("新成路",)),
    ("真新街道", "街道", ("真新",)),
    ("嘉定镇街道", "街道", ("嘉定镇",)),
    ("南翔镇", "镇", ("南翔",)),
    ("安亭镇", "镇", ("安亭",)),
    ("马陆镇", "镇", ("马陆", "嘉定新城")),
    ("徐行镇", "镇", ("徐行",)),
    ("华亭镇", "镇", ("华亭",)),
    ("外冈镇", "镇", ("外冈",)),
    ("江桥镇", "镇", ("江桥",)),
    ("菊园新区", "新区", ("菊园",)),
    ("嘉定工业区", "工业区", ("工业区",)),
)
