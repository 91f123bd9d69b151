"""The simulated Jiading district the sample is made from: deterministic, vectorised with NumPy (a
million units take seconds).

Month by month, units open, stop, close and move; unions are formed at a pace that differs by town;
members grow with employment; federations are founded in villages, parks and buildings. A handful of
roster changes are left unexplained by any event (units gone without a closure, a union lost, members
halved, an unreported move, an opening nobody reported), as real rosters have, so the roster check
(名册核对) has something to find. Towns report monthly; two are late in some months and one has not
yet sent the latest month.

This is the state every kind's sample generator reads (unionboard.kinds: each kind writes its own
table from it; unionboard.sample writes the files). The generators of targets, training and events draw
from the world's random stream after it (`rng`), in the order unionboard.sample gives.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import creditcode
from .defaults import JIADING_TOWNS
from .kinds import INDUSTRIES, UNIT_TYPES

LAST_SNAPSHOT = dt.date(2015, 6, 30)
TARGET_YEAR = 2015
LATE = {"外冈镇": ("2015-02-28", "2015-05-31"), "徐行镇": ("2014-08-31", "2015-03-31")}  # received after the due day
NOT_YET = "华亭镇"  # has not sent the latest month



class Profile(NamedTuple):
    """How a town of the simulation behaves."""

    share: float         # of the district's units
    coverage: float      # union coverage at the start
    pace: float          # share of the uncovered units forming a union each month
    done_units: float    # completion of the 2015 新建会单位数 target reached at 30 June (序时进度 is 49.59%)
    done_members: float  # the same for 新发展会员数
    services: float      # share of services units
    buildings: int       # commercial buildings


TOWN_PROFILE: dict[str, Profile] = {t: Profile(*p) for t, p in {
    "新成路街道": (0.045, 0.80, 0.020, 0.61, 0.58, 0.70, 3),
    "真新街道":   (0.060, 0.74, 0.016, 0.53, 0.55, 0.65, 4),
    "嘉定镇街道": (0.055, 0.82, 0.022, 0.66, 0.63, 0.72, 4),
    "南翔镇":     (0.110, 0.66, 0.014, 0.46, 0.52, 0.45, 4),
    "安亭镇":     (0.130, 0.71, 0.018, 0.57, 0.54, 0.30, 4),
    "马陆镇":     (0.105, 0.68, 0.017, 0.52, 0.47, 0.50, 6),
    "徐行镇":     (0.060, 0.60, 0.010, 0.34, 0.41, 0.25, 1),
    "华亭镇":     (0.040, 0.63, 0.012, 0.43, 0.50, 0.20, 1),
    "外冈镇":     (0.055, 0.58, 0.009, 0.29, 0.33, 0.22, 1),
    "江桥镇":     (0.150, 0.64, 0.015, 0.51, 0.53, 0.48, 5),
    "菊园新区":   (0.060, 0.72, 0.019, 0.58, 0.60, 0.55, 4),
    "嘉定工业区": (0.130, 0.69, 0.016, 0.55, 0.44, 0.28, 3),
}.items()}
SHORT = {t: (a[0] if a else t) for t, _, a in JIADING_TOWNS}
SYLLABLES = list("嘉华安新博联金宏腾远恒瑞丰盛达通泰德兴隆鑫宇创立信成源昌富佳天利凯祥和永鼎睿")
VILLAGE_WORDS = ["红星", "联群", "新华", "先锋", "曙光", "永胜", "向阳", "光明", "建新", "胜利", "友谊", "朝阳",
                 "五星", "前进", "民主", "和平", "东风", "团结", "幸福", "长征", "新民", "解放", "星火", "塔庙"]
BUILDING_SUFFIX = ["商务大厦", "国际广场", "财富中心", "科技大厦", "企业天地", "金融大厦"]
INDUSTRY_WORDS = {
    "现代服务业": ["信息科技", "商务咨询", "物流", "文化传媒", "人力资源", "会展服务"],
    "高新技术产业": ["生物科技", "新材料", "智能装备", "光电科技", "软件", "医疗器械"],
    "制造业": ["机械", "汽车零部件", "电子", "精密模具", "包装材料", "金属制品"],
    "建筑业": ["建设工程", "装饰工程", "市政工程", "安装工程"],
    "商贸流通": ["贸易", "商贸", "百货", "食品销售"],
    "其他": ["餐饮管理", "物业管理", "农业发展", "环境服务"],
}
TYPE_P = np.array([0.02, 0.03, 0.70, 0.08, 0.03, 0.07, 0.04, 0.03])  # order of UNIT_TYPES
MIGRANT_SHARE = {"制造业": 0.55, "建筑业": 0.75, "商贸流通": 0.35, "现代服务业": 0.20, "高新技术产业": 0.25, "其他": 0.40}


def month_ends(k: int, last: dt.date = LAST_SNAPSHOT) -> list[dt.date]:
    """K month-end dates ending at `last`."""
    out = []
    y, m = last.year, last.month
    for _ in range(k):
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        out.append(nxt - dt.timedelta(days=1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


class World:
    """The simulated district: places, federations, units and their histories, month by month."""

    NEVER = 10**6  # the month of what never happens (a unit that never closes…)
    target_year = TARGET_YEAR
    late = LATE
    not_yet = NOT_YET
    short = SHORT
    # issue 24: whether the tables imported after another kind's files are made (the towns' area targets, for the
    # sample database; `generate` leaves them out: sample.write_files sets it)
    with_later = True

    def __init__(self, units: int, snapshots: int, seed: int, *, per_town: bool = False) -> None:
        self.rng = np.random.default_rng(seed)
        self.dates = month_ends(max(1, snapshots))
        self.towns = [t for t, _, _ in JIADING_TOWNS]
        self.per_town = per_town  # each town reports its own units (one file a month), or the district one
        self._areas_and_buildings()
        self._federations()
        self._units(units)
        self._simulate()
        self._plant_unexplained_changes()

    def profile(self, town: str) -> Profile:
        """How `town` behaves in the simulation."""
        return TOWN_PROFILE[town]

    # ------------------------------------------------------------ dictionaries
    def _areas_and_buildings(self) -> None:
        rng = self.rng
        self.areas: dict[str, list[str]] = {}
        self.parks: dict[str, list[str]] = {}
        self.buildings: list[tuple[str, str]] = []
        for t, kind, _ in JIADING_TOWNS:
            words = list(rng.permutation(VILLAGE_WORDS))
            if kind == "街道" or kind == "新区":
                villages = [w + "社区" for w in words[:int(rng.integers(6, 11))]]
                villages += [w + "村" for w in words[11:11 + int(rng.integers(1, 4))]]
            else:
                villages = [w + "村" for w in words[:int(rng.integers(9, 16))]]
                villages += [w + "社区" for w in words[16:16 + int(rng.integers(2, 5))]]
            n_parks = 4 if kind == "工业区" else int(rng.integers(1, 4))
            parks = [f"{SHORT[t]}{s}" for s in ["工业园区", "科技园", "创意产业园", "物流园"][:n_parks]]
            self.areas[t] = villages
            self.parks[t] = parks
            n_b = TOWN_PROFILE[t].buildings
            prefix = "嘉定新城" if t == "马陆镇" else SHORT[t]
            self.buildings += [(t, f"{prefix}{s}") for s in BUILDING_SUFFIX[:n_b]]

    def _federations(self) -> None:
        rng = self.rng
        rows: list[tuple] = []
        first = self.dates[0]

        def founded(p2015: float) -> dt.date:
            if rng.random() < p2015:  # founded this year: counts toward the 2015 targets
                return dt.date(TARGET_YEAR, int(rng.integers(1, 7)), int(rng.integers(1, 28)))
            return dt.date(int(rng.integers(2006, 2015)), int(rng.integers(1, 13)), int(rng.integers(1, 28)))

        for t in self.towns:
            for v in self.areas[t]:
                if v.endswith("村") and rng.random() < 0.75:
                    rows.append((f"{SHORT[t]}{v}工会联合会", "村工会联合会", t, v, None, founded(0.06),
                                 int(rng.integers(0, 2))))
            for p in self.parks[t]:
                rows.append((f"{p}工会联合会", "园区工会联合会", t, p, None, founded(0.10), int(rng.integers(1, 3))))
            for bt, b in self.buildings:
                if bt == t and rng.random() < 0.6:
                    rows.append((f"{b}楼宇工会联合会", "楼宇工会联合会", t, None, b, founded(0.25),
                                 int(rng.integers(0, 2))))
            rows.append((f"{SHORT[t]}{rng.choice(['机械', '物流', '商贸', '建筑'])}行业工会联合会", "行业工会联合会",
                         t, None, None, founded(0.0), 1))
            if rng.random() < 0.5:
                rows.append((f"{SHORT[t]}区域工会联合会", "区域工会联合会", t, None, None, founded(0.0), 1))
        self.feds = pd.DataFrame(rows, columns=["federation", "kind", "town", "area", "building", "founded",
                                                "fulltime_cadres"])
        # federations a small unit can join at the start: founded before the first snapshot
        self.feds["usable_from"] = [max(f, first) for f in self.feds["founded"]]

    # ------------------------------------------------------------ units
    def _units(self, n_initial: int) -> None:
        rng = self.rng
        k = len(self.dates)
        weights = np.array([TOWN_PROFILE[t].share for t in self.towns])
        weights /= weights.sum()
        monthly_open = 0.006
        n_new = int(n_initial * monthly_open * (k - 1))
        n = n_initial + n_new
        self.n = n
        self.open_m = np.concatenate([np.zeros(n_initial, dtype=np.int64),
                                      np.sort(rng.integers(1, max(k, 2), n_new))])
        self.town_i = rng.choice(len(self.towns), n, p=weights)
        services = np.array([TOWN_PROFILE[t].services for t in self.towns])[self.town_i]
        # industry: services towns lean to 现代服务业/商贸; industrial towns to 制造业/高新
        u = rng.random(n)
        ind = np.where(u < services * 0.55, 0, np.where(u < services * 0.55 + 0.10, 1,
                       np.where(u < services * 0.55 + 0.10 + (1 - services) * 0.6, 2,
                                np.where(u < 0.93, 4, np.where(u < 0.97, 3, 5)))))
        self.industry = np.array(INDUSTRIES, dtype=object)[ind]
        self.unit_type_i = rng.choice(len(UNIT_TYPES), n, p=TYPE_P / TYPE_P.sum())
        self.unit_type = np.array(UNIT_TYPES, dtype=object)[self.unit_type_i]
        foreign = np.isin(self.unit_type, ["外资企业", "港澳台企业"])
        size = rng.lognormal(2.3, 1.25, n) * np.where(foreign, 3.0, 1.0) * np.where(ind == 2, 1.6, 1.0)
        self.employees0 = np.clip(np.round(size), 1, 30000).astype(np.int64)
        self.fortune500 = foreign & (self.employees0 >= 150) & (rng.random(n) < 0.35)
        self.growth = rng.normal(0.004, 0.01, n)
        mshare = np.array([MIGRANT_SHARE[i] for i in INDUSTRIES])[ind]
        self.migrant_share = np.clip(rng.normal(mshare, 0.15), 0, 1)
        self.member_rate = np.clip(rng.normal(0.90, 0.06, n), 0.55, 1.0)
        # areas, parks and buildings
        self.area = np.empty(n, dtype=object)
        self.building = np.full(n, None, dtype=object)
        for ti, t in enumerate(self.towns):
            idx = np.flatnonzero(self.town_i == ti)
            places = self.areas[t] + self.parks[t]
            p = np.array([1.0] * len(self.areas[t]) + [3.0] * len(self.parks[t]))
            self.area[idx] = np.array(places, dtype=object)[rng.choice(len(places), len(idx), p=p / p.sum())]
            blds = [b for bt, b in self.buildings if bt == t]
            if blds:
                office = idx[np.isin(self.industry[idx], ["现代服务业", "高新技术产业", "商贸流通"])
                             & (rng.random(len(idx)) < 0.22)]
                self.building[office] = np.array(blds, dtype=object)[rng.integers(0, len(blds), len(office))]
        # fates: closures, moves out of the district, moves within it, stoppages
        self.close_m = np.full(n, self.NEVER, dtype=np.int64)
        self.close_status = np.full(n, None, dtype=object)
        self.move_m = np.full(n, self.NEVER, dtype=np.int64)
        self.move_to = np.full(n, -1, dtype=np.int64)
        self.stop_m = np.full(n, self.NEVER, dtype=np.int64)
        if k > 1:
            months = rng.integers(1, k, n)
            fate = rng.random(n)
            after_open = months > self.open_m
            closing = after_open & (fate < 0.0025 * (k - 1))
            leaving = after_open & (fate >= 0.0025 * (k - 1)) & (fate < 0.0040 * (k - 1))
            moving = after_open & (fate >= 0.0040 * (k - 1)) & (fate < 0.0048 * (k - 1))
            stopping = after_open & (fate >= 0.0048 * (k - 1)) & (fate < 0.0058 * (k - 1))
            self.close_m[closing | leaving] = months[closing | leaving]
            self.close_status[closing] = "关闭"
            self.close_status[leaving] = "迁出"
            self.move_m[moving] = months[moving]
            self.move_to[moving] = (self.town_i[moving] + rng.integers(1, len(self.towns), moving.sum())) % len(self.towns)
            self.stop_m[stopping] = months[stopping]
        prefixes = np.where(self.unit_type == "社会组织", "52", np.where(np.isin(self.unit_type, ["事业单位", "机关"]),
                                                                        "12", "91"))
        serial = rng.permutation(n) + 310000000 + int(rng.integers(0, 10**7))
        self.code = creditcode.generate(serial, prefixes)
        self.name = self._names()

    def _names(self) -> np.ndarray:
        rng = self.rng
        n = self.n
        syl = np.array(SYLLABLES, dtype=object)
        word = syl[rng.integers(0, len(syl), n)] + syl[rng.integers(0, len(syl), n)]
        biz = np.empty(n, dtype=object)
        for ind, words in INDUSTRY_WORDS.items():
            m = self.industry == ind
            biz[m] = np.array(words, dtype=object)[rng.integers(0, len(words), m.sum())]
        name = "上海" + word + biz + "有限公司"
        foreign = np.isin(self.unit_type, ["外资企业", "港澳台企业"])
        name[foreign] = word[foreign] + biz[foreign] + "（上海）有限公司"
        so = self.unit_type == "社会组织"
        name[so] = "嘉定区" + word[so] + np.array(["协会", "促进会", "服务中心", "民办学校"], dtype=object)[
            rng.integers(0, 4, so.sum())]
        inst = np.isin(self.unit_type, ["事业单位", "机关"])
        name[inst] = "嘉定区" + word[inst] + np.array(["服务中心", "管理所", "学校", "事务所"], dtype=object)[
            rng.integers(0, 4, inst.sum())]
        return name

    # ------------------------------------------------------------ history
    def _simulate(self) -> None:
        """Decide when each unit forms its union (month index; -1 = before the first snapshot)."""
        rng = self.rng
        k = len(self.dates)
        n = self.n
        self.union_m = np.full(n, self.NEVER, dtype=np.int64)
        base_cov = np.array([TOWN_PROFILE[t].coverage for t in self.towns])[self.town_i]
        size_boost = np.clip(np.log10(self.employees0 + 1) / 1.5, 0.35, 1.4)
        type_factor = np.where(np.isin(self.unit_type, ["国有企业", "事业单位", "机关"]), 1.35,
                               np.where(self.unit_type == "社会组织", 0.6, 1.0))
        p0 = np.clip(base_cov * size_boost * type_factor, 0.02, 0.985)
        initial = (self.open_m == 0) & (rng.random(n) < p0)
        self.union_m[initial] = -1
        pace = np.array([TOWN_PROFILE[t].pace for t in self.towns])
        for m in range(1, k):
            alive = (self.open_m <= m) & (self.close_m > m) & (self.union_m > m)
            for ti in range(len(self.towns)):
                idx = np.flatnonzero(alive & (self.town_i == ti))
                if len(idx) == 0:
                    continue
                count = rng.binomial(len(idx), pace[ti])
                w = np.sqrt(self.employees0[idx].astype(float))
                chosen = rng.choice(idx, size=min(count, len(idx)), replace=False, p=w / w.sum())
                self.union_m[chosen] = m
        # union dates: before the first snapshot, or a day inside the month of forming
        days = np.array([d.toordinal() for d in self.dates])
        ud = np.full(n, -1, dtype=np.int64)
        early = self.union_m == -1
        ud[early] = days[0] - rng.integers(1, 365 * 12, early.sum())
        later = (self.union_m >= 1) & (self.union_m < self.NEVER)
        span = days[self.union_m[later]] - days[self.union_m[later] - 1]
        ud[later] = days[self.union_m[later] - 1] + 1 + (rng.random(later.sum()) * span).astype(np.int64)
        self.union_day = ud
        # how the union is formed: single for 25+, otherwise a federation where one is usable
        self.union_form = np.where(self.employees0 >= 25, "单独建会", "联合建会").astype(object)
        self.federation = np.full(n, None, dtype=object)
        feds = self.feds
        village = {(r.town, r.area): r.federation for r in feds.itertuples() if r.area and r.founded <= self.dates[0]}
        building = {(r.town, r.building): r.federation for r in feds.itertuples()
                    if r.building and r.founded <= self.dates[0]}
        sector: dict[str, str] = {}
        for r in feds.itertuples():
            if r.kind in ("行业工会联合会", "区域工会联合会") and r.founded <= self.dates[0]:
                sector.setdefault(r.town, r.federation)
        small = np.flatnonzero(self.union_form == "联合建会")
        towns = np.array(self.towns, dtype=object)[self.town_i[small]]
        for j, i in enumerate(small):
            t = towns[j]
            f = building.get((t, self.building[i])) or village.get((t, self.area[i])) or sector.get(t)
            if f is None:
                self.union_form[i] = "单独建会"
            else:
                self.federation[i] = f

    def snapshot(self, m: int) -> pd.DataFrame:
        """The roster at snapshot index m, in the import format (Chinese headers)."""
        date = self.dates[m]
        present = (self.open_m <= m) & (self.vanish_m > m)
        idx = np.flatnonzero(present)
        months = m - np.minimum(self.open_m[idx], m)
        emp = np.maximum(1, np.round(self.employees0[idx] * (1 + self.growth[idx]) ** months)).astype(np.int64)
        migrants = np.minimum(emp, np.round(emp * self.migrant_share[idx])).astype(np.int64)
        status = np.full(len(idx), "在营", dtype=object)
        status[self.stop_m[idx] <= m] = "停产"
        closed = self.close_m[idx] <= m
        status[closed] = self.close_status[idx][closed]
        town_i = np.where(self.move_m[idx] <= m, self.move_to[idx], self.town_i[idx])
        moved = self.move_m[idx] <= m
        has_union = (self.union_m[idx] <= m) & (self.union_lost_m[idx] > m)
        form = np.where(has_union, self.union_form[idx], "未建会")
        rate = np.where(self.drop_m[idx] <= m, self.member_rate[idx] * 0.45, self.member_rate[idx])
        members = np.where(has_union, np.round(emp * rate), 0).astype(np.int64)
        mig_members = np.minimum(members, np.round(migrants * rate * 0.92)).astype(np.int64)
        union_date = np.where(has_union, self.union_day[idx], -1)
        ud_text = np.array([dt.date.fromordinal(int(d)).isoformat() if d > 0 else "" for d in union_date], dtype=object)
        area = self.area[idx].copy()
        building = self.building[idx].copy()
        area[moved] = None  # a unit that moved town has no village or building of the new town on file
        building[moved] = None
        fed = np.where(form == "联合建会", self.federation[idx], np.array(None, dtype=object))
        return pd.DataFrame({
            "统一社会信用代码": self.code[idx], "单位名称": self.name[idx],
            "街镇": np.array(self.towns, dtype=object)[town_i], "村居园区": area, "楼宇名称": building,
            "行业类别": self.industry[idx], "单位类型": self.unit_type[idx],
            "世界500强": np.where(self.fortune500[idx], "是", "否"), "职工人数": emp, "农民工人数": migrants,
            "经营状态": status, "建会情况": form, "所属联合会": fed, "建会日期": ud_text,
            "会员人数": members, "农民工会员数": mig_members, "报表日期": date.isoformat(),
        })

    def _plant_unexplained_changes(self) -> None:
        """Roster changes no event explains, in the last two reports (the roster check's findings): units
        gone without a closure, unions lost without 撤销, members down by more than half, moves and openings
        nobody reported. A few in a district of 25,000 units; proportionally more in a larger one."""
        n, k = self.n, len(self.dates)
        self.vanish_m = np.full(n, self.NEVER, dtype=np.int64)
        self.union_lost_m = np.full(n, self.NEVER, dtype=np.int64)
        self.drop_m = np.full(n, self.NEVER, dtype=np.int64)
        self.silent = np.zeros(n, dtype=bool)  # opened or moved with no event sent
        if k < 3:
            return
        rng = np.random.default_rng(42)
        scale = max(1.0, n / 25_000)
        reporting = np.array([self.towns[i] != NOT_YET for i in self.town_i])
        plain = ((self.close_m == self.NEVER) & (self.move_m == self.NEVER) & (self.stop_m == self.NEVER)
                 & (self.open_m < k - 2) & reporting)

        def pick(mask: np.ndarray, count: float) -> np.ndarray:
            idx = np.flatnonzero(mask & plain)
            chosen = rng.choice(idx, size=min(len(idx), int(round(count))), replace=False) if len(idx) else idx
            plain[chosen] = False
            return chosen

        for m, count in ((k - 1, 4 * scale), (k - 2, 2 * scale)):
            self.vanish_m[pick(np.ones(n, dtype=bool), count)] = m
        unionised = self.union_m < k - 2
        self.union_lost_m[pick(unionised, 3 * scale)] = k - 1
        self.drop_m[pick(unionised & (self.employees0 >= 40), 3 * scale)] = k - 1
        movers = pick(np.ones(n, dtype=bool), 2 * scale)
        self.move_m[movers] = k - 1
        others = [i for i, t in enumerate(self.towns) if t != NOT_YET]
        self.move_to[movers] = [others[(others.index(self.town_i[i]) + 3) % len(others)] for i in movers]
        self.silent[movers] = True
        openings = np.flatnonzero((self.open_m == k - 1) & reporting)
        self.silent[openings[: int(round(2 * scale))]] = True

