"""What every page works with: the database, the language, the filters in force and who is signed in."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from unionboard.accounts import Account
from unionboard.i18n import definition, label, msg

CTX_KEY = "ub_ctx"  # the last context a page made, in the session state (tests read it)


@dataclass
class Ctx:
    """What every page needs: database, language and the filters in force."""

    db: Path
    version: tuple | None
    lang: str
    snapshots: list[dt.date] = field(default_factory=list)
    towns_all: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    towns: list[str] = field(default_factory=list)
    industry: str | None = None
    user: Account | None = None
    accounts_configured: bool = False

    def t(self, key: str, **params: object) -> str:
        """A word of the catalog in the user's language."""
        return msg(key, self.lang, **params)

    def label(self, column: str) -> str:
        """A column's name in the user's language."""
        return label(column, self.lang)

    def define(self, column: str) -> str | None:
        """A column's or indicator's definition (口径) in the user's language."""
        return definition(column, self.lang)

    def for_towns(self, towns: list[str]) -> Ctx:
        """The same context with other towns (a drill-down into one town)."""
        return dataclasses.replace(self, towns=list(towns))

    @property
    def can_import(self) -> bool:
        """Only a signed-in 管理员 may import any file and roll back; with no accounts the dashboard is read-only."""
        return self.user is not None and self.user.can_import

    @property
    def unit_towns(self) -> list[str] | None:
        """The towns whose unit lists the signed-in account may see (None: all)."""
        return self.user.unit_towns if self.user is not None else None

    @property
    def upload_town(self) -> str | None:
        """A signed-in 街镇 account uploads its own town's units report, and nothing else."""
        return self.unit_towns[0] if self.unit_towns else None

    @property
    def ready(self) -> bool:
        """Whether there is a roster snapshot to show."""
        return bool(self.snapshots)
