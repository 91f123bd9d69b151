"""使用说明: the guide for the district's staff and the towns' offices (docs/使用说明.md), text and screenshots."""
from __future__ import annotations

import streamlit as st

from ui.guide import guide_blocks, guide_path
from ui.page import open_page
from unionboard.i18n import canonical

ctx, _ = open_page(None, needs_data=False)
if not canonical(ctx.lang):
    st.info(ctx.t("guide_chinese_only"))
parts = guide_blocks()
if parts is None:
    st.warning(ctx.t("guide_missing", file=guide_path().name))
    st.stop()
for part in parts:
    if part.image is not None:
        if part.image.is_file():
            st.image(str(part.image), caption=part.caption)
    else:
        st.markdown(part.text)
