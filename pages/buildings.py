"""商务楼宇: coverage per building; which buildings have a 楼宇工会联合会 and which do not."""
from __future__ import annotations

import streamlit as st

from ui.figures import cards, chart, figure
from ui.page import open_page
from ui.scopes import building_targets
from ui.tables import show_table
from unionboard.i18n import join
from unionboard.summary import fmt_int, fmt_pct

ctx, (res,) = open_page("page_buildings", "buildings")
rows, total = res.rows, res.total
with_fed = rows["楼宇工会联合会"] == "已成立"
cards(ctx, [("kpi_buildings", fmt_int(len(rows))), ("kpi_with_building_fed", fmt_int(with_fed.sum()), "楼宇工会联合会"),
            ("kpi_building_units", fmt_int(total["在营单位数"])), ("kpi_building_coverage", fmt_pct(total["建会率(%)"]), "建会率(%)")])
building_targets(ctx, res)  # issue 27: the buildings as a whole against their targets
if rows.empty:
    st.info(ctx.t("buildings_none"))
else:
    st.subheader(ctx.t("buildings_chart"))
    chart(figure(ctx, res, "building_coverage"), "buildings_chart")
    without = rows[~with_fed]
    st.subheader(ctx.t("with_count", title=ctx.t("buildings_without"), n=len(without)))
    st.markdown(join([ctx.t("building_of_town", building=b, town=t) for t, b in zip(without["街镇"], without["楼宇名称"], strict=True)],
                     ctx.lang) or "—")
show_table(ctx, res, "buildings", height=520)
