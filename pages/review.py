"""报表审核 (issue 25): the reports the towns sent that wait for the district, oldest first, each with what the
decision needs on one screen — rows, the change against the town's previous report, the reading notices and
warnings, the roster check's findings with the town's explanations, the file — and 通过 / 退回 with a reason."""
from __future__ import annotations

from ui.page import open_page
from ui.review import review_page

ctx, _ = open_page("page_review", needs_data=False)
if ctx.version is not None:
    review_page(ctx)
