"""The import kinds of DATA-FORMAT.md: columns, Chinese headers, required flags and value sets."""
from __future__ import annotations

import re
from dataclasses import dataclass

INDUSTRIES = ("现代服务业", "高新技术产业", "制造业", "建筑业", "商贸流通", "其他")
UNIT_TYPES = ("国有企业", "集体企业", "民营企业", "外资企业", "港澳台企业", "社会组织", "事业单位", "机关")
STATUSES = ("在营", "停产", "关闭", "迁出")
ACTIVE_STATUSES = ("在营", "停产")
UNION_FORMS = ("未建会", "单独建会", "联合建会")
TOWN_KINDS = ("镇", "街道", "工业区", "新区")
FEDERATION_KINDS = ("村工会联合会", "园区工会联合会", "楼宇工会联合会", "行业工会联合会", "区域工会联合会")
TARGET_INDICATORS = ("新建会单位数", "新发展会员数", "建会率", "入会率", "楼宇工会联合会数", "村(园区)工会联合会数")
COUNT_INDICATORS = ("新建会单位数", "新发展会员数", "楼宇工会联合会数", "村(园区)工会联合会数")
EVENTS = ("新开业", "停产", "关闭", "迁入", "迁出")
UNION_ACTIONS = ("无工会", "保留", "转移接续", "撤销")
AUDIENCES = ("村(园区)工会主席", "企业工会主席", "工会干部")
OUTSIDE = "区外"
DISTRICT_ORGANISER = "区总工会"
TWO_NEW = {"民营企业": "新经济组织", "外资企业": "新经济组织", "港澳台企业": "新经济组织", "社会组织": "新社会组织"}


@dataclass(frozen=True)
class Col:
    """One column of an import kind."""

    key: str
    zh: str
    ptype: str  # text, int, number, bool, date, enum, town, town_or_outside, organiser, code
    required: bool = False
    values: tuple[str, ...] = ()
    min_value: float | None = None  # inclusive lower bound for int
    positive: bool = False  # number/int > 0
    default: object = None


@dataclass(frozen=True)
class Kind:
    """An import kind: its key, Chinese name and columns (in the spec's order)."""

    key: str
    zh: str
    cols: tuple[Col, ...]

    def col(self, key: str) -> Col:
        """The column with this key."""
        return next(c for c in self.cols if c.key == key)


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("towns", "街镇", (
            Col("town", "街镇", "text", True),
            Col("kind", "类型", "enum", values=TOWN_KINDS),
            Col("aliases", "别名", "text"),
        )),
        Kind("buildings", "商务楼宇", (
            Col("building", "楼宇名称", "text", True),
            Col("town", "街镇", "town", True),
        )),
        Kind("federations", "工会联合会", (
            Col("federation", "联合会名称", "text", True),
            Col("kind", "类型", "enum", True, values=FEDERATION_KINDS),
            Col("town", "街镇", "town", True),
            Col("area", "村居园区", "text"),
            Col("building", "楼宇名称", "text"),
            Col("founded", "成立日期", "date", True),
            Col("fulltime_cadres", "专职干部人数", "int", min_value=0, default=0),
        )),
        Kind("units", "单位名册", (
            Col("credit_code", "统一社会信用代码", "code", True),
            Col("name", "单位名称", "text", True),
            Col("town", "街镇", "town", True),
            Col("area", "村居园区", "text"),
            Col("building", "楼宇名称", "text"),
            Col("industry", "行业类别", "enum", True, values=INDUSTRIES),
            Col("unit_type", "单位类型", "enum", True, values=UNIT_TYPES),
            Col("fortune500", "世界500强", "bool", default=False),
            Col("employees", "职工人数", "int", True, min_value=0),
            Col("migrant_workers", "农民工人数", "int", min_value=0, default=0),
            Col("status", "经营状态", "enum", True, values=STATUSES),
            Col("union_form", "建会情况", "enum", True, values=UNION_FORMS),
            Col("federation", "所属联合会", "text"),
            Col("union_date", "建会日期", "date"),
            Col("members", "会员人数", "int", True, min_value=0),
            Col("migrant_members", "农民工会员数", "int", min_value=0, default=0),
            Col("snapshot", "报表日期", "date"),
        )),
        Kind("targets", "年度目标", (
            Col("year", "年度", "int", True, min_value=1900),
            Col("town", "街镇", "town", True),
            Col("indicator", "指标", "enum", True, values=TARGET_INDICATORS),
            Col("target", "目标值", "number", True, positive=True),
        )),
        Kind("events", "企业动态", (
            Col("date", "日期", "date", True),
            Col("credit_code", "统一社会信用代码", "code", True),
            Col("name", "单位名称", "text", True),
            Col("event", "事件", "enum", True, values=EVENTS),
            Col("from_town", "原街镇", "town_or_outside"),
            Col("to_town", "现街镇", "town_or_outside"),
            Col("union_action", "工会处置", "enum", True, values=UNION_ACTIONS),
            Col("members_affected", "涉及会员数", "int", min_value=0),
            Col("members_transferred", "转接会员数", "int", min_value=0),
        )),
        Kind("training", "干部培训", (
            Col("start", "开始日期", "date", True),
            Col("end", "结束日期", "date", True),
            Col("place", "地点", "text"),
            Col("organiser", "主办单位", "organiser", True),
            Col("town", "参训街镇", "town", True),
            Col("audience", "培训对象", "enum", True, values=AUDIENCES),
            Col("trainees", "参训人数", "int", True, positive=True),
        )),
    )
}

# Workbook sheets are applied in this order so that later kinds can refer to earlier ones.
APPLY_ORDER = ("towns", "buildings", "federations", "targets", "units", "events", "training")


# The instructions sheet of a fill-in template (unionboard.templates): never data.
INSTRUCTION_SHEETS = ("填写说明", "instructions")
# A column ignored wherever it appears: the row counter of printed forms.
SERIAL_COLUMN = "序号"
_UNIT_SUFFIX = re.compile(r"[（(\[【][^（）()\[\]【】]*[）)\]】]$")


def header_key(text: str) -> str:
    """A header cell as the column name it means: spaces and line breaks anywhere removed, a unit in
    brackets at its end (`职工人数（人）`) and required-marks (`*`) dropped, English keys in lower case."""
    s = re.sub(r"\s+", "", str(text)).strip("*＊")
    s = _UNIT_SUFFIX.sub("", s).strip("*＊") or s
    return s.lower() if s.isascii() else s


def column_positions(kind: Kind, names: list[str]) -> dict[str, int]:
    """Which position holds each column of `kind` (the first, where a name repeats)."""
    by_name = {}
    for c in kind.cols:
        by_name[c.zh] = c.key
        by_name[c.key] = c.key
    found: dict[str, int] = {}
    for i, name in enumerate(names):
        key = by_name.get(header_key(name))
        if key is not None and key not in found:
            found[key] = i
    return found


def kind_for_name(name: str) -> Kind | None:
    """The kind named by its English key or Chinese name (a sheet name or a KIND argument)."""
    name = name.strip()
    for k in KINDS.values():
        if name.lower() == k.key or name == k.zh:
            return k
    return None
