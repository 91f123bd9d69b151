"""指标口径: the definition shown beside every indicator (METRICS.md, in the users' words)."""
from __future__ import annotations

ACTIVE = "经营状态为“在营”或“停产”的单位"
DEFINITIONS: dict[str, tuple[str, str]] = {
    "在营单位数": (f"{ACTIVE}数。", "Units whose status is 在营 or 停产."),
    "已建会单位数": ("在营单位中建会情况为“单独建会”或“联合建会”的单位数。",
                 "Active units whose 建会情况 is 单独建会 or 联合建会."),
    "建会率(%)": ("已建会单位数 ÷ 在营单位数 × 100；分母为0时留空。", "Units with a union / active units × 100; empty when 0."),
    "25人以上单位建会率(%)": ("职工人数≥25的在营单位中，已建会单位所占比例 × 100。",
                       "The same over active units with 25 or more employees."),
    "25人以上在营单位数": ("职工人数≥25的在营单位数。", "Active units with 25 or more employees."),
    "25人以上已建会单位数": ("职工人数≥25且已建会的在营单位数。", "Active units with 25+ employees and a union."),
    "职工人数": ("在营单位职工人数之和。", "Sum of employees over active units."),
    "未建会单位数": ("建会情况为“未建会”的在营单位数。", "Active units whose 建会情况 is 未建会."),
    "25人以上": ("职工人数≥25的单位（未建会清单中：其中职工人数≥25的未建会单位数）。",
               "Units with 25 or more employees (in the uncovered counts: how many of them)."),
    "25人以下": ("未建会在营单位中职工人数<25的单位数。", "Units without a union with fewer than 25 employees."),
    "涉及职工人数": ("未建会在营单位的职工人数之和：建会后可发展为会员的职工。",
                "Employees of active units without a union: who could join once a union is formed."),
    "涉及农民工人数": ("未建会在营单位的农民工人数之和。", "Migrant workers of active units without a union."),
    "会员人数": ("在营单位会员人数之和。", "Sum of members over active units."),
    "入会率(%)": ("会员人数 ÷ 职工人数 × 100。", "Members / employees × 100."),
    "农民工人数": ("在营单位农民工人数之和。", "Sum of migrant workers over active units."),
    "农民工会员数": ("在营单位农民工会员数之和。", "Sum of migrant members over active units."),
    "农民工入会率(%)": ("农民工会员数 ÷ 农民工人数 × 100。", "Migrant members / migrant workers × 100."),
    "新建会单位数": ("本快照中（任何经营状态）建会情况不是“未建会”、且建会日期在当年1月1日至快照日期之间的单位数。",
               "Units of the snapshot (any status) with a union founded from 1 January to the snapshot date."),
    "新发展会员数": ("本快照会员人数 − 基期会员人数（基期：上年12月31日及之前最近的快照）；无基期时留空。",
               "Members now minus members at the baseline (latest snapshot on or before 31 Dec of the previous year)."),
    "新建会单位数目标": ("目标责任书中当年该街镇的新建会单位数目标；全区为各街镇之和。",
                 "The year's target from the agreements; the district target is the sum of the towns'."),
    "新发展会员数目标": ("目标责任书中当年该街镇的新发展会员数目标；全区为各街镇之和。",
                 "The year's target from the agreements; the district target is the sum of the towns'."),
    "新建会单位数完成率(%)": ("新建会单位数 ÷ 目标 × 100；无目标时留空。", "New unions / target × 100; empty without a target."),
    "新发展会员数完成率(%)": ("新发展会员数 ÷ 目标 × 100；无目标时留空。", "New members / target × 100; empty without a target."),
    "序时进度(%)": ("快照日期是当年第几天 ÷ 当年天数 × 100（2015年6月30日 = 181/365 = 49.59）。",
               "Day of year of the snapshot / days in the year × 100 (30 June 2015 = 49.59)."),
    "进度状态": ("在有目标的计数指标（新建会单位数、新发展会员数、楼宇及村(园区)工会联合会数）中取最低完成率："
             "≥序时进度为“达标”，≥0.8×序时进度为“预警”，否则“滞后”；无目标时留空。",
             "The lowest completion over the count indicators with a target: 达标 (on track) when ≥ time elapsed, "
             "预警 (warning) when ≥ 0.8 × time elapsed, else 滞后 (lagging)."),
    "双过半": ("6月及以后的快照：新建会单位数与新发展会员数均完成年度目标的50%以上，即“时间过半、任务过半”。",
            "From June: new unions and new members both at 50% of the year's target or more."),
    "楼宇工会联合会": ("有类型为“楼宇工会联合会”的联合会以该楼宇为名、且成立日期不晚于快照日期。",
                "A federation of kind 楼宇工会联合会 names the building and was founded by the snapshot date."),
    "村(园区)工会联合会数": ("成立日期不晚于快照日期的村工会联合会与园区工会联合会数。",
                     "Village and park federations founded on or before the snapshot date."),
    "楼宇工会联合会数": ("成立日期不晚于快照日期的楼宇工会联合会数。", "Building federations founded by the snapshot date."),
    "覆盖单位数": ("快照中联合建会并以该联合会为所属联合会的在营单位数。", "Active units joined to the federation (联合建会)."),
    "会员转接率(%)": ("关闭、迁出单位的转接会员数 ÷ 涉及会员数 × 100。",
                  "Members transferred / members affected × 100, over closures and moves out."),
    "未转接会员数": ("涉及会员数 − 转接会员数。", "Members affected minus members transferred."),
    "村(园区)工会主席培训覆盖率(%)": ("当年已培训的村(园区)工会主席人数 ÷ 村(园区)工会联合会数 × 100。",
                           "Village/park chairs trained this year / village and park federations × 100."),
    "报送状态": ("按时：在报送期限（报表日期后第5天，区总工会可调整）内报送；逾期：期限后报送；未报送：期限已过仍未报送"
             "（该街镇数据沿用此前报表）；待报：尚未到报送期限。",
             "On time: received by the due day (5 days after the report date unless the district sets another); late: "
             "received after it; missing: none received and the due day passed (its figures are carried forward); "
             "not yet due: the due day has not come."),
    "数据来源": ("该街镇数字取自哪一期报表：本期报表；“沿用”：本期未报送，沿用此前最近一期；“未报送”：此前从未报送，按0计。",
             "Which report a town's figures come from: this date's, an earlier one carried forward (沿用), or none (未报送)."),
    "建会率目标(%)": ("目标责任书中当年该街镇的建会率目标；合计行无目标（率目标按街镇下达）。",
                 "The year's 建会率 target of the town; the total has none (rate targets are signed per town)."),
    "入会率目标(%)": ("目标责任书中当年该街镇的入会率目标；合计行无目标。", "The year's 入会率 target of the town."),
    "建会率差距(百分点)": ("建会率 − 建会率目标，单位为百分点；负数表示低于目标。",
                    "建会率 minus its target, in percentage points; negative means below target."),
    "入会率差距(百分点)": ("入会率 − 入会率目标，单位为百分点；负数表示低于目标。",
                    "入会率 minus its target, in percentage points; negative means below target."),
    "沿用街镇数": ("该报表日期未报送、沿用此前报表的街镇数。", "Towns counted from an earlier report at that date."),
    "未报送街镇数": ("该报表日期及之前从未报送、按0计的街镇数。", "Towns with no report on or before that date (counted as zero)."),
    "单位消失未报动态": ("上期报表中在营或停产、本期报表中（全区范围按统一社会信用代码）已不存在，且两期之间无“关闭”或“迁出”动态的单位。",
                   "A unit 在营/停产 in the previous report, absent now (anywhere in the district), with no 关闭 or 迁出 event."),
    "新增单位未报动态": ("上期报表中没有（或为关闭、迁出）、本期在营，且两期之间无“新开业”或“迁入”动态的单位。",
                   "A unit absent from the previous report (or 关闭/迁出 there), 在营 now, with no 新开业 or 迁入 event."),
    "工会断线": ("上期单独建会或联合建会、本期未建会（或已不在名册中），且两期之间无工会处置为“撤销”或“转移接续”的动态的单位。",
             "单独/联合建会 before, 未建会 now (or absent), with no event whose 工会处置 is 撤销 or 转移接续."),
    "会员锐减": ("会员人数较上期减少30%及以上、且减少10人及以上的在营或停产单位（两个阈值同时满足）。",
             "Members fell by at least 30% and by at least 10 (a unit still 在营 or 停产)."),
    "街镇变更未报": ("同一统一社会信用代码的单位出现在另一街镇的报表中，且两期之间既无原街镇的“迁出”也无现街镇的“迁入”动态。",
               "The same unit now in another town's report, with no 迁出 from the old town nor 迁入 to the new one."),
    "核对情况": ("已核对：本期有新报表并与上期报表比对；首次报送：无上期可比；沿用：本期未报送新报表，不核对。",
             "Checked: a new report compared with the previous one; first report: nothing to compare; carried: no new report."),
    "期间动态": ("两期报表之间（上期报表日期之后至本期报表日期）该单位的企业动态记录（日期、事件、工会处置）。",
             "The unit's events between the two reports (after the previous report date, up to this one)."),
    "培训班次": ("当年开始的培训班数（开始日期、结束日期、地点、主办单位、培训对象相同为同一班次）。",
             "Sessions starting this year (same dates, place, organiser and audience = one session)."),
}


def definition(name: str, lang: str = "zh") -> str | None:
    """The definition of an indicator or column, if it has one."""
    d = DEFINITIONS.get(name)
    if d is None:
        return None
    return d[1] if lang == "en" else d[0]
