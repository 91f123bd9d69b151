"""The word catalog: every word the users read — messages, labels, column names and their definitions (口径),
view titles, chart words, sentences — in Simplified Chinese and English, in one place, side by side.

`msg(key, lang, **params)` is the one lookup for words; a column is a record (COLUMNS: its English name,
format and definition), read with `column`, `label` and `definition`; `value` gives a cell value in the
user's language. Nothing else in unionboard or ui compares a language code: tests/test_catalog.py checks
that every key has both languages and that pages/, ui/ and charts.py hold no Chinese literal but
column names and values.

The 通报 (unionboard.briefing) is an official document in Chinese only; its sentences stay in its module.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MESSAGES: dict[str, tuple[str, str]] = {
    # file level
    "bad_file": ("无法读取文件：{err}", "cannot read the file: {err}"),
    "encoding": ("无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8、GB18030/GBK）",
                 "cannot decode the file (UTF-8, UTF-8 with BOM and GB18030/GBK are accepted)"),
    "replacement_chars": ("文件含有乱码字符（U+FFFD），请用原始文件重新导出",
                          "the file contains replacement characters (U+FFFD); export it again from the original"),
    "empty_file": ("文件没有数据行", "the file has no data rows"),
    "too_large": ("文件过大（{size} 字节，上限 {limit}）", "the file is too large ({size} bytes, limit {limit})"),
    "too_many_cells": ("表格展开后的单元格过多（上限 {limit}）：文件中重复的行或单元格不像真实数据", "too many cells once "
                       "repeated rows and cells are expanded (limit {limit}): not what a real table holds"),
    "too_many_rows": ("行数过多（{rows} 行，上限 {limit}）", "too many rows ({rows}, limit {limit})"),
    "unknown_kind": ("未知数据类型「{kind}」，应为：{allowed}", 'unknown kind "{kind}"; expected one of: {allowed}'),
    "no_kind": ("无法判断数据类型：请指定 KIND，或把工作表命名为数据类型名称（{allowed}）",
                "cannot tell the kind: give KIND, or name the sheets after the kinds ({allowed})"),
    "kind_csv_auto": ("无法从表头判断数据类型，请指定 KIND", "cannot tell the kind from the headers; give KIND"),
    "missing_column": ("缺少必填列「{col}」", 'missing required column "{col}"'),
    "duplicate_column": ("列「{col}」出现多次", 'column "{col}" appears more than once'),
    "unknown_column": ("未知列「{col}」，已忽略", 'unknown column "{col}" ignored'),
    "more_problems": ("另有 {n} 个问题未逐条列出（已列出前 {shown} 个；请先改正已列出的同类问题）",
                      "{n} more problem(s) not listed one by one (the first {shown} are listed; fix those first)"),
    "more_notices": ("另有 {n} 个提示未逐条列出（已列出前 {shown} 个）",
                     "{n} more notice(s) not listed one by one (the first {shown} are listed)"),
    "sheet_ignored": ("工作表「{sheet}」不是已知数据类型，已忽略", 'sheet "{sheet}" is not a known kind; ignored'),
    # cells
    "required": ("必填，不能为空", "required, must not be empty"),
    "not_int": ("不是整数", "not an integer"),
    "not_number": ("不是数字", "not a number"),
    "negative": ("不能为负数", "must not be negative"),
    "not_positive": ("必须大于0", "must be greater than 0"),
    "out_of_range": ("超出可存储的范围（{min} 至 {max}）", "out of the range that can be stored ({min} to {max})"),
    "control_char": ("含有控制字符（{chars}），无法保存和导出；请删除后重新导入",
                     "contains control characters ({chars}) that cannot be stored or exported; remove them"),
    "not_bool": ("应为 是/否（或 Y/N、1/0、true/false）", "must be 是/否 (or Y/N, 1/0, true/false)"),
    "not_date": ("不是有效日期（如 2015-06-30、2015/6/30、2015.6.30、2015年6月30日）",
                 "not a valid date (e.g. 2015-06-30, 2015/6/30, 2015.6.30, 2015年6月30日)"),
    "not_in": ("应为以下之一：{allowed}", "must be one of: {allowed}"),
    "unknown_town": ("不是已知街镇或其别名", "not a known town or alias"),
    "unknown_town_or_outside": ("不是已知街镇、别名或「区外」", 'not a known town, alias or "区外"'),
    "unknown_organiser": ("应为「区总工会」或已知街镇", 'must be "区总工会" or a known town'),
    "code_length": ("统一社会信用代码应为18位（此处{n}位）", "a credit code has 18 characters (this has {n})"),
    "code_char": ("统一社会信用代码含非法字符：{chars}", "the credit code has invalid characters: {chars}"),
    "code_as_number": ("统一社会信用代码被表格软件存成了数字（科学计数法），末几位已丢失：请把该列设为文本格式后重新填写"
                       "（填报模板已设好）", "the credit code was stored as a number (scientific notation) and lost its last "
                       "digits: format the column as text and type the codes again (the template does)"),
    "code_check": ("统一社会信用代码校验位错误（按 GB 32100-2015 应为 {expected}）",
                   "wrong check character (GB 32100-2015 gives {expected})"),
    "duplicate": ("与第{row}行重复", "duplicates row {row}"),
    "unknown_building": ("不是「{town}」的已知楼宇", 'not a known building of "{town}"'),
    "unknown_federation": ("不是已知工会联合会", "not a known federation"),
    "federation_required": ("联合建会的单位必须填写所属联合会", "required for 联合建会"),
    "building_required": ("楼宇工会联合会必须填写楼宇名称", "required for a 楼宇工会联合会"),
    "union_date_required": ("已建会单位必须填写建会日期", "required unless 未建会"),
    "union_date_after": ("建会日期晚于报表日期 {snapshot}", "after the snapshot date {snapshot}"),
    "gt_employees": ("大于职工人数（{limit}）", "greater than 职工人数 ({limit})"),
    "members_not_zero": ("未建会单位的会员人数应为0", "must be 0 when 未建会"),
    "gt_members": ("大于会员人数（{limit}）", "greater than 会员人数 ({limit})"),
    "gt_migrants": ("大于农民工人数（{limit}）", "greater than 农民工人数 ({limit})"),
    "end_before_start": ("结束日期早于开始日期（{start}）", "before the start date ({start})"),
    "gt_affected": ("大于涉及会员数（{limit}）", "greater than 涉及会员数 ({limit})"),
    "from_town_required": ("迁出时必须填写原街镇", "required for 迁出"),
    # issue 27: targets with a 范围
    "unknown_town_or_district": ("不是已知街镇、别名或「全区」", 'not a known town, alias or "全区"'),
    "district_needs_scope": ("「全区」目标须填写范围（行业类别、两新组织、世界500强或商务楼宇）",
                             "a 全区 target needs a 范围 (an industry, a 两新组织, 世界500强 or 商务楼宇)"),
    "scope_with_area": ("范围与村居园区不能同时填写", "a 范围 cannot be given together with a 村居园区"),
    "scope_indicator": ("填写了范围的目标只能是：{allowed}", "a target with a 范围 can only be: {allowed}"),
    "to_town_required": ("新开业、迁入时必须填写现街镇", "required for 新开业 and 迁入"),
    "reserved_town": ("「{words}」是合计行使用的词，不能用作（或开头于）街镇名称或别名",
                      "{words} are the words of total rows: no town name or alias may be or begin with one"),
    "alias_taken": ("别名「{alias}」已属于「{town}」", 'alias "{alias}" already belongs to "{town}"'),
    "snapshot_missing": ("未给出报表日期：请在上传处选择「报表日期」（命令行用 --snapshot），或在文件中加「报表日期」列",
                         "no report date: pick the report date beside the uploader (on the command line: --snapshot), "
                         "or add a 报表日期 column to the file"),
    # issue 23: two different dates written above the header
    "title_dates_conflict": ("表头上方的标题给出了两个不同的报表日期：第{row1}行「{words1}」（{date1}）与第{row2}行「{words2}」"
                             "（{date2}）；请在标题中只保留一个日期，或用 --snapshot（数据管理页：报表日期）给出报表日期",
                             'the title rows give two different report dates: row {row1} "{words1}" ({date1}) and row '
                             '{row2} "{words2}" ({date2}); keep one date in the title, or give the report date '
                             "(--snapshot; on 数据管理: the report date)"),
    "snapshot_multiple": ("「报表日期」列应只有一个值，此处有：{values}", "报表日期 must have one value; found: {values}"),
    "snapshot_conflict": ("「报表日期」{value} 与所选报表日期（--snapshot）{given} 不一致",
                          "报表日期 {value} differs from the report date chosen (--snapshot) {given}"),
    "report_exists": ("{towns} 报表日期 {date} 的名册已报送；如需替换请加 --replace（数据管理页：勾选“替换”）",
                      "{towns} already reported for {date}; add --replace to replace it"),
    "other_town": ("不是申报街镇「{town}」的单位：本次只能报送{town}的名册", 'not a unit of "{town}", the town being reported'),
    # CLI
    "imported": ("已导入", "imported"),
    "refused": ("已拒绝", "refused"),
    "refused_head": ("导入被拒绝，数据库未作任何改动。共 {n} 个问题：", "Import refused; nothing was changed. {n} problem(s):"),
    "unknown_view": ("未知视图「{view}」，可用：{allowed}", 'unknown view "{view}"; available: {allowed}'),
    "bad_date": ("日期格式不正确：「{value}」", 'malformed date: "{value}"'),
    "no_db": ("数据库 {db} 不存在：请先运行 python -m unionboard init", "database {db} does not exist: run python -m unionboard init"),
    "no_snapshot": ("{date} 及之前没有单位名册快照", "no units snapshot on or before {date}"),
    "no_snapshots_at_all": ("数据库中还没有单位名册快照", "the database holds no units snapshot yet"),
    "no_reports_in_year": ("{year}年尚无报送的单位名册：{date} 及之前最近的报表日期是 {snapshot}"
                           "（属于上一年度，不作为{year}年的数据）",
                           "no units report in {year} yet: the latest report on or before {date} is {snapshot}, "
                           "which belongs to the year before and is not shown as {year}'s"),
    "legacy_db": ("数据库 {db} 是旧版格式（单位名册存于表中）：请先运行 python -m unionboard migrate 转换（数据不变）",
                  "database {db} is in the first release's format: run python -m unionboard migrate (no data changes)"),
    "migrated": ("{db} 已转换为按街镇报表存储的格式", "{db} converted to per-town report files"),
    "not_legacy": ("{db} 已是当前格式，无需转换", "{db} is already in the current format"),
    "findings_head": ("名册核对（{date}）：发现 {n} 项需核实", "roster check ({date}): {n} finding(s) to look at"),
    "read_report_date": ("报表日期 {snapshot}（{year}年目标）；沿用此前报送数据的街镇 {carried} 个",
                         "report date {snapshot} ({year} targets); {carried} town(s) carried forward"),
    "bad_due_days": ("报送期限应为 0–60 的整数天数：「{value}」", 'the due days must be a whole number from 0 to 60: "{value}"'),
    "note_as_of": ("截至 {as_of}：使用报表日期 {snapshot}（此前最近的一期）",
                   "as of {as_of}: the reports of {snapshot} (the latest before)"),
    "note_carried": ("{n} 个街镇沿用此前报送的数据：{towns}", "{n} town(s) counted from an earlier report: {towns}"),
    "note_carried_town": ("{town}（沿用 {date} 报送数据）", "{town} ({date})"),
    "note_missing": ("{n} 个街镇未报送（按 0 计）：{towns}", "{n} town(s) have not reported (counted as zero): {towns}"),
    "year_conflict": ("--year {year} 与 --as-of {date} 不一致", "--year {year} does not match --as-of {date}"),
    "bad_year": ("年度格式不正确：「{value}」", 'malformed year: "{value}"'),
    "unknown_town_arg": ("未知街镇「{town}」", 'unknown town "{town}"'),
    "unknown_industry": ("未知行业「{industry}」，应为：{allowed}", 'unknown industry "{industry}"; expected: {allowed}'),
    "rollback_unknown": ("没有第 {id} 次导入", "there is no import #{id}"),
    "rollback_not_imported": ("第 {id} 次导入未改变数据（被拒绝或本身是回退），无需回退",
                              "import #{id} changed no data (refused, or itself a rollback)"),
    "rollback_no_backup": ("第 {id} 次导入之前的备份已不存在（只保留最近的备份）",
                           "the backup from before import #{id} is gone (only recent backups are kept)"),
    "rollback_detail": ("恢复到第 {id} 次导入之前的状态，撤销了：{undone}", "restored the state before import #{id}; undone: {undone}"),
    "rollback_replaced_later": ("第 {id} 次导入报送的名册已被之后的导入（{later}）再次替换，请先回退 {later}",
                                "the reports of import #{id} were replaced again by {later}: roll that back first"),
    "rollback_reports_detail": ("撤回 #{id} 报送的名册：{reports}（恢复其替换前的报表）",
                                "withdrew the reports of import #{id}: {reports} (the reports they replaced are current again)"),
    "same_report_twice": ("本工作表与工作表「{sheet}」都报送了{town} {date} 的名册",
                          'this sheet and sheet "{sheet}" both report {town} for {date}'),
    "unknown_town_arg_import": ("未知街镇「{town}」（--town）", 'unknown town "{town}" (--town)'),
    "rolled_back": ("已回退（第 {id} 次操作）", "rolled back (operation #{id})"),
    "bad_replace": ("--snapshot/--replace 只适用于单位名册", "--snapshot/--replace apply to units only"),
    "import_failed": ("导入未完成：{err}", "the import did not complete: {err}"),
    # issue 26: backup and restore (unionboard.backup)
    "backup_summary": ("导入记录 {imports} 条（最近第 {last} 次，{when}），现行报表 {reports} 份（{dates}，{towns} 个街镇）",
                       "{imports} line(s) of history (the newest #{last}, {when}), {reports} current report(s) ({dates}, "
                       "{towns} town(s))"),
    "backup_done": ("已备份到 {target}：{what}；报表文件 {files} 个，共 {size}",
                    "backed up to {target}: {what}; {files} report file(s), {size} in all"),
    "backup_target_not_empty": ("备份文件夹 {target} 已存在且不是空的：请指定一个新的（或空的）文件夹",
                                "the backup folder {target} exists and is not empty: give a new (or empty) folder"),
    "backup_missing_file": ("数据库列出的报表文件 {file} 不在报表文件夹中（共缺 {n} 个）：数据已不完整，无法做成一致的备份；"
                            "请联系技术人员", "the report file {file} the database lists is not in its folder ({n} missing): "
                            "the data is incomplete and cannot be backed up consistently"),
    "restore_not_backup": ("{source} 不是完整的 unionboard 备份（没有 {manifest}：不是备份文件夹，或备份没有完成）",
                           "{source} is not a complete unionboard backup (no {manifest}: not a backup, or one that did not "
                           "finish)"),
    "restore_damaged": ("备份已损坏或不完整：{file} 缺失或大小不符；未作任何改动", "the backup is damaged or incomplete: {file} "
                        "is missing or has another size; nothing was changed"),
    "restore_replaces": ("将被替换：{db} —— {what}；报表文件 {files} 个，回退备份 {rollback} 个",
                         "to be replaced: {db} — {what}; {files} report file(s), {rollback} rollback backup(s)"),
    "restore_new": ("{db} 尚不存在：将由备份新建", "{db} does not exist yet: the backup makes it"),
    "restore_with": ("恢复为 {made} 的备份 —— {what}；报表文件 {files} 个，回退备份 {rollback} 个",
                     "restored from the backup of {made} — {what}; {files} report file(s), {rollback} rollback backup(s)"),
    "restore_confirm": ("确认恢复？当前数据将被替换（输入 y 确认）：", "Restore? The current data will be replaced (type y): "),
    "restore_cancelled": ("已取消：未作任何改动", "cancelled: nothing was changed"),
    "restore_needs_yes": ("恢复会替换当前数据：请在终端中确认，或加 --yes", "a restore replaces the current data: confirm at a "
                          "terminal, or add --yes"),
    "restore_done": ("已恢复：{db}。看板在下一次刷新页面时显示恢复后的数据", "restored: {db}. The dashboard shows the restored "
                     "data on its next rerun"),
    # reading files as towns send them (readers, layout)
    "file_empty": ("文件是空的（0 字节）：可能选错了文件，或文件未保存完整；请重新导出后再导入",
                   "the file is empty (0 bytes): perhaps the wrong file, or it was not saved completely; export it again"),
    "file_blank": ("文件没有内容（只有空格或空行）：请确认选择的是填好的表格", "the file has no content (only spaces or blank lines)"),
    "not_spreadsheet": ("这是{what}，不是表格：请导入 Excel（.xlsx/.xls）、WPS、ODS 或 CSV 文件",
                        "this is {what}, not a spreadsheet: import an Excel (.xlsx/.xls), WPS, ODS or CSV file"),
    "what_pdf": ("PDF 文件", "a PDF file"),
    "what_image": ("图片", "an image"),
    "what_rtf": ("RTF 文档", "an RTF document"),
    "what_archive": ("压缩包（zip/rar/7z/gz）", "an archive (zip/rar/7z/gz)"),
    "what_broken_zip": ("损坏的压缩文件（xlsx 文件是 zip 格式，此文件不完整）",
                        "a damaged zip package (an xlsx file is a zip; this one is incomplete)"),
    "what_mht": ("网页归档（MHT，Excel“单个文件网页”）；请在 Excel 中另存为 .xlsx", "a web archive (MHT); save it as .xlsx in Excel"),
    "what_xml2003": ("XML 表格（Excel 2003 XML）；请在 Excel 中另存为 .xlsx", "an XML spreadsheet (Excel 2003 XML); save it as .xlsx"),
    "what_xml": ("XML 文件", "an XML file"),
    "what_xlsb": ("Excel 二进制工作簿（.xlsb）；请在 Excel 中另存为 .xlsx", "an Excel binary workbook (.xlsb); save it as .xlsx"),
    "what_docx": ("Word 文档（.docx）", "a Word document (.docx)"),
    "what_doc": ("Word 文档（.doc）", "a Word document (.doc)"),
    "what_pptx": ("PowerPoint 演示文稿", "a PowerPoint presentation"),
    "what_odf": ("OpenDocument 文本或演示文稿", "an OpenDocument text or presentation"),
    "what_encrypted": ("有密码保护的工作簿；请在 Excel/WPS 中取消密码后另存再导入",
                       "a password-protected workbook; remove the password in Excel/WPS, save, and import again"),
    "what_html_no_table": ("网页（HTML）但其中没有表格", "a web page (HTML) without a table"),
    # issue 28.4: what a spreadsheet's XML may hold, so that reading it stays within bounded memory
    "xml_text_run": ("文件中有超过 {limit} MB 的连续空白或文字，而一个单元格最多只能有 32,767 个字符：这不是正常保存的表格。"
                     "请在 Excel/WPS 中打开、另存为 .xlsx 后再导入",
                     "the file holds a run of more than {limit} MB of spaces or text, where a cell holds at most 32,767 "
                     "characters: it is not a spreadsheet as a program saves it. Open it in Excel/WPS, save it as "
                     ".xlsx and import again"),
    "xml_too_many_rows": ("工作表的行数超过表格的上限（{limit} 行）：这不是正常保存的表格。请在 Excel/WPS 中打开、另存为 .xlsx 后再导入",
                          "a sheet has more rows than a spreadsheet can ({limit}): it is not a spreadsheet as a "
                          "program saves it. Open it in Excel/WPS, save it as .xlsx and import again"),
    "xml_row_too_large": ("有一行的内容超过表格一行能有的（16,384 列，{limit} 项）：这不是正常保存的表格。"
                          "请在 Excel/WPS 中打开、另存为 .xlsx 后再导入",
                          "a row holds more than a spreadsheet's row can (16,384 columns, {limit} items): it is not a "
                          "spreadsheet as a program saves it. Open it in Excel/WPS, save it as .xlsx and import again"),
    "xml_too_many_elements": ("文件中单元格以外的内容过多（超过 {limit} 项）：这不是正常保存的表格。"
                              "请在 Excel/WPS 中打开、另存为 .xlsx 后再导入",
                              "the file holds too much besides its cells (more than {limit} items): it is not a "
                              "spreadsheet as a program saves it. Open it in Excel/WPS, save it as .xlsx and import again"),
    # issue 23: in the catalog's words only, never the library's exception
    "damaged_file": ("文件已损坏或不完整：请在 Excel/WPS 中打开并另存为 .xlsx 后再导入",
                     "the file is damaged or incomplete: open it in Excel/WPS, save it as .xlsx and import again"),
    # issue 23: files named by what they are
    "csv_unclosed_quote": ("第{line}行（「{start}」）有一个引号（\"）没有配对的结束引号，其后的全部内容会被读成同一个单元格："
                           "请删去这个多余的引号（或补上结束引号）后再导入",
                           'line {line} ("{start}") opens a quote (") that is never closed, so everything after it would be '
                           "read as one cell: delete the stray quote (or close it) and import again"),
    "csv_malformed": ("第{line}行的引号或分隔符不成对，无法按 CSV 读取：请在 Excel/WPS 中打开、另存为 .xlsx 后再导入",
                      "line {line}: quotes or separators do not pair up, so it cannot be read as CSV: open it in "
                      "Excel/WPS, save it as .xlsx and import again"),
    "what_lotus": ("Lotus 1-2-3 工作表（.wk1/.wk3/.wk4/.123）；请在 Excel/WPS 中打开并另存为 .xlsx",
                   "a Lotus 1-2-3 worksheet (.wk1/.wk3/.wk4/.123); open it in Excel/WPS and save it as .xlsx"),
    "what_quattro": ("Quattro Pro 工作表（.wq1/.wb1/.wb2）；请在 Excel/WPS 中打开并另存为 .xlsx",
                     "a Quattro Pro worksheet (.wq1/.wb1/.wb2); open it in Excel/WPS and save it as .xlsx"),
    "what_dbase": ("dBase 数据库文件（.dbf）；请在 Excel/WPS 中打开并另存为 .xlsx",
                   "a dBase database file (.dbf); open it in Excel/WPS and save it as .xlsx"),
    "what_strict": ("“Strict Open XML 电子表格”格式的 Excel 工作簿；请在 Excel 中另存为“Excel 工作簿(.xlsx)”后再导入",
                    'an Excel workbook in the "Strict Open XML Spreadsheet" format; in Excel, save it as '
                    '"Excel Workbook (.xlsx)" and import again'),
    "what_ole_other": ("Office 文档（不是 Excel 工作簿）", "an Office document that is not an Excel workbook"),
    "bad_xls": ("不是可读的 Excel 97–2003 工作簿（.xls），文件可能已损坏：请在 Excel/WPS 中打开并另存为 .xlsx 后再导入",
                "not a readable Excel 97–2003 workbook (.xls), perhaps damaged: open it in Excel/WPS and save it as .xlsx"),
    "fmt_xlsx": ("Excel 工作簿（xlsx）", "an Excel workbook (xlsx)"),
    "fmt_xls": ("Excel 97–2003 工作簿（xls）", "an Excel 97–2003 workbook (xls)"),
    "fmt_ods": ("ODS 表格", "an ODS spreadsheet"),
    "fmt_csv": ("文本表格（CSV/TSV）", "a text table (CSV/TSV)"),
    "fmt_html": ("网页表格（HTML）", "an HTML table"),
    "read_as": ("文件名为 {ext}，内容实际是{fmt}，已按其实际格式读取", "the file is named {ext} but holds {fmt}; read as what it is"),
    "read_tsv": ("以制表符分隔（TSV），已按此读取", "tab-separated (TSV); read as such"),
    "instructions_skipped": ("工作表「{sheet}」是模板的填写说明，已跳过", 'sheet "{sheet}" holds a template\'s instructions; skipped'),
    "hidden_sheet_skipped": ("工作表「{sheet}」是隐藏的，已跳过", 'sheet "{sheet}" is hidden; skipped'),
    "hidden_rows_cols": ("含{what}，已照常读取", "holds {what}; read like the others"),
    "hidden_rows_part": ("隐藏行 {n} 行（第{rows}行）", "{n} hidden row(s) ({rows})"),
    "hidden_cols_part": ("隐藏列 {n} 列（{cols}列）", "{n} hidden column(s) ({cols})"),
    "title_rows_skipped": ("第{rows}行在表头之上（标题、填报单位等），已跳过；表头在第{header}行",
                           "rows {rows} above the header (title, reporting unit…) skipped; the header is row {header}"),
    "header_at": ("表头在第{header}行", "the header is row {header}"),
    "two_row_header": ("第{rows}行为两行表头，已合并为一行列名（下行为列名，下行为空处取上方合并单元格）",
                       "rows {rows} are a two-row header, read as one (names from the lower row, else the merged cell above)"),
    "serial_ignored": ("序号列，已忽略", "serial-number column, ignored"),
    "total_row_skipped": ("{word}行，不作为单位导入", "a {word} (total) row, not imported as a unit"),
    "total_mismatch": ("{word}行为 {given}，与第{first}–{last}行之和 {sum} 不一致（差 {diff}）",
                       "the {word} row says {given}, rows {first}–{last} add up to {sum} (difference {diff})"),
    "footer_rows_skipped": ("第{rows}行是表尾（填表人、审核人、联系电话、备注、说明等），已跳过",
                            "rows {rows} are a footer (填表人, 备注, 说明…); skipped"),
    "blank_rows_skipped": ("第{rows}行是空行，已跳过", "rows {rows} are blank; skipped"),
    "merged_filled": ("合并单元格的值已填入其合并范围内的各行（第{rows}行）",
                      "merged cell values filled into every row of their range (rows {rows})"),
    "unnamed_column_ignored": ("没有列名但有数据，已忽略", "has values but no header; ignored"),
    "formula_no_value": ("单元格是公式但没有计算结果（文件由程序生成、从未在 Excel/WPS 中打开保存）；"
                         "请在 Excel 或 WPS 中打开、保存后再导入",
                         "a formula without a computed value (the file was written by a program and never saved in "
                         "Excel/WPS); open and save it in Excel or WPS, then import again"),
    "title_date_used": ("报表日期取自表头上方的标题：{date}", "report date taken from the title rows: {date}"),
    # issue 23: a title that gives a month without a day
    "title_month_used": ("标题只写到月份（「{words}」），报表日期取该月最后一天：{date}；如不是这一天，请另行给出报表日期",
                         'the title gives a month without a day ("{words}"): the report date is that month\'s last '
                         "day, {date}; if it is another day, give the report date"),
}

# ------------------------------------------------------------------ failures of the machine (unionboard.errors)
ERRORS: dict[str, tuple[str, str]] = {
    "err_where": ("「{name}」", " {name}"),
    "err_disk_full": ("磁盘空间已满，无法写入{where}。数据库未作改动。请清理磁盘空间（或让管理员扩容）后重试。",
                      "The disk is full: cannot write{where}. Nothing was changed. Free some disk space and try again."),
    "err_read_only": ("没有写入权限，无法写入{where}。数据库未作改动。请让管理员检查数据文件夹的权限"
                      "（运行看板和命令行的用户需要可写），或是否挂载为只读。",
                      "No permission to write{where}. Nothing was changed. Ask the administrator to check the data "
                      "folder's permissions (the dashboard's and the command line's user must be able to write) "
                      "or whether it is mounted read-only."),
    "err_not_found": ("找不到{where}。请检查路径（数据库：--db 或 UNIONBOARD_DB）。",
                      "Cannot find{where}. Check the path (database: --db or UNIONBOARD_DB)."),
    "err_corrupt_db": ("数据库文件{where}已损坏或不是 unionboard 数据库（{detail}）。请停止导入，由管理员用 data/backups/ "
                       "中的备份替换该文件（或重新运行 init 后重新导入）。",
                       "The database file{where} is damaged or is not a unionboard database ({detail}). Stop importing; "
                       "the administrator should replace it with a backup from data/backups/ (or run init and import again)."),
    "err_accounts_unreadable": ("账户文件{where}无法读取（{detail}）。在修复之前无人能够登录。请管理员修正该文件，"
                                "或删除后用 python -m unionboard user add 重新建立账户。",
                                "The accounts file{where} cannot be read ({detail}). Nobody can sign in until it is "
                                "fixed: correct it, or delete it and create the accounts again with "
                                "python -m unionboard user add."),
    "err_no_memory": ("内存不足，操作未完成，数据库未作改动。请关闭其他程序或分批导入后重试。",
                      "Out of memory: nothing was done or changed. Close other programs or import in parts and try again."),
    "err_os_error": ("系统错误，无法访问{where}（{detail}）。数据库未作改动。请让管理员检查磁盘和文件夹。",
                     "System error: cannot access{where} ({detail}). Nothing was changed. Ask the administrator to "
                     "check the disk and the folder."),
    "err_unexpected": ("发生意外错误（{detail}），操作未完成，数据库未作改动。请把所用文件和此信息交给系统维护人员；"
                       "详细信息已写入服务器日志。",
                       "Unexpected error ({detail}); nothing was done or changed. Give the file you used and this "
                       "message to the maintainers; the details are in the server log."),
}

# ------------------------------------------------------------------ the command line's own words
COMMAND_LINE: dict[str, tuple[str, str]] = {
    "cli_interrupted": ("已中断，数据库未作改动", "interrupted; nothing was changed"),
    "cli_created": ("已创建（仅含街镇字典）", "created (town dictionary only)"),
    "cli_warning": ("警告：", "warning: "),
    "cli_note": ("说明：", "note: "),
    "name_empty": ("用户名不能为空", "the user name is empty"),
    "name_control": ("用户名不能含换行符或控制字符", "a user name must not contain line breaks or control characters"),
    "name_spaces": ("用户名首尾不能有空格", "a user name must not begin or end with a space"),
    "name_too_long": ("用户名最长 {n} 个字符", "a user name has at most {n} characters"),
    "rows_more": ("…（共 {n} 行）", "… ({n} rows)"),
    "password_short": ("密码至少 8 位", "a password has at least 8 characters"),
}

# ------------------------------------------------------------------ sign-in record (unionboard.signin)
SIGN_IN_EVENTS: dict[str, tuple[str, str]] = {
    "signin_success": ("登录成功", "signed in"),
    "signin_failure": ("登录失败（用户名或密码不正确）", "failed (wrong user name or password)"),
    "signin_lockout": ("连续登录失败，账户已锁定", "locked after repeated failures"),
    "signin_locked": ("账户锁定期间尝试登录（未校验密码）", "attempt while locked (password not checked)"),
    "signin_ended": ("账户已在服务器上更改或删除，会话已结束", "account changed or removed on the server: session ended"),
    "signin_signout": ("退出登录", "signed out"),
}

# ------------------------------------------------------------------ the views' titles (unionboard.views.VIEWS)
VIEW_TITLES: dict[str, tuple[str, str]] = {
    "view_towns": ("街镇进度", "Town progress"),
    "view_industries": ("行业覆盖", "Coverage by industry"),
    "view_two-new": ("两新组织", "New economic and social organisations"),
    "view_unit-types": ("单位类型", "Coverage by unit type"),
    "view_sizes": ("单位规模", "Coverage by size"),
    "view_buildings": ("商务楼宇", "Commercial buildings"),
    "view_federations": ("工会联合会", "Federations by town"),
    "view_federation-list": ("工会联合会名录", "Federation list"),
    "view_areas": ("村居园区", "Villages and parks"),
    "view_dynamics": ("企业动态", "Openings, closures and moves"),
    "view_followup": ("会员转接跟踪", "Members not transferred"),
    "view_training": ("干部培训", "Cadre training by town"),
    "view_training-sessions": ("培训班次", "Training sessions"),
    "view_uncovered": ("未建会清单", "Units without a union"),
    "view_key-uncovered": ("重点未建会单位", "Key units without a union"),
    "view_uncovered-by-town": ("未建会单位分布", "Units without a union by town"),
    "view_key-uncovered-by-town": ("重点未建会单位分布", "Key units without a union by town"),
    "view_trend": ("趋势", "Trend over report dates"),
    "view_fortune500": ("世界500强", "Fortune 500 units"),
    "view_town-rates": ("重点比率", "Key rates by town"),
    "view_submissions": ("报送进度", "Reports received"),
    "view_changes": ("名册核对", "Roster check"),
    "view_changes-by-town": ("名册核对汇总", "Roster check by town"),
}

# ------------------------------------------------------------------ the dashboard
DASHBOARD: dict[str, tuple[str, str]] = {
    "app_title": ("工会组建进度看板", "Union formation dashboard"),
    "page_overview": ("总览", "Overview"),
    "page_towns": ("街镇进度", "Town progress"),
    "page_industries": ("行业与两新", "Industries"),
    "page_buildings": ("商务楼宇", "Buildings"),
    "page_federations": ("工会联合会", "Federations"),
    "page_dynamics": ("企业动态", "Openings & closures"),
    "page_training": ("队伍建设", "Cadre training"),
    "page_uncovered": ("未建会清单", "Units without union"),
    "page_data": ("数据管理", "Data"),
    "page_submissions": ("报送进度", "Reporting"),
    "page_changes": ("名册核对", "Roster check"),
    "chg_intro": ("比对各街镇本期与上期报表（全区按统一社会信用代码匹配），找出没有企业动态可以解释的变化："
                  "“不断线、会员不流失”。请相关街镇核实名单，补报企业动态或更正名册。",
                  "Each town's report against its previous one (units matched across the district by credit code): "
                  "changes no event explains. Towns should check the list and send the missing events or correct the roster."),
    "chg_checked": ("已核对街镇", "Towns checked"),
    "chg_chart": ("各街镇核对发现（按类别）", "Findings by town and kind"),
    "chg_table": ("按街镇汇总", "By town"),
    "chg_list": ("需核实的单位（两期数值对照）", "Units to check (both reports side by side)"),
    "chg_none": ("本期没有发现需要核实的名册变动。", "No unexplained roster changes in this report."),
    "chg_link": ("名册核对：本期报表有 {n} 项变动没有企业动态可以解释，需街镇核实", "Roster check: {n} change(s) no event explains"),
    "chg_go": ("查看名册核对", "See the roster check"),
    "some_without_baseline": ("· 无上年末基期报表的街镇（新发展会员数留空、不计入合计）：{towns}",
                              "· towns without a year-end baseline (new members empty, not in the total): {towns}"),
    "no_target_towns": ("未下达{indicator}目标的街镇不计入合计完成率：{towns}",
                        "Towns without a {indicator} target are not in the total's completion: {towns}"),
    "key_rates": ("重点比率：建会率、入会率对照目标，25人以上单位建会率，农民工入会率",
                  "Key rates: coverage and membership against their targets, 25+ units, migrant workers"),
    "by_fortune500": ("世界500强企业", "Fortune 500 units"),
    "sub_matrix": ("各街镇各月报送情况（绿：按时；黄：逾期；红：未报送；灰：待报）",
                   "Reports by town and month (green on time, amber late, red missing, grey not yet due)"),
    "sub_table": ("报送明细", "Reports in detail"),
    "sub_due": ("报送期限：报表日期后第 {days} 天（含）", "Due: {days} days after the report date"),
    "sub_due_set": ("修改报送期限（天）", "Change the due days"),
    "sub_due_save": ("保存报送期限", "Save"),
    "sub_due_saved": ("报送期限已改为报表日期后 {days} 天", "Due days set to {days}"),
    "sub_on_time": ("按时", "On time"),
    "sub_late": ("逾期", "Late"),
    "sub_missing": ("未报送", "Missing"),
    "sub_pending": ("待报", "Not yet due"),
    "sub_latest": ("{date} 报表", "Reports of {date}"),
    "sub_link": ("查看报送进度", "See reporting"),
    "filters": ("筛选", "Filters"),
    "asof": ("截至（报表日期）", "As of (snapshot)"),
    "asof_help": ("选择单位名册快照；指标按该快照及其所在年度计算。", "The roster snapshot; indicators use it and its year."),
    "towns": ("街镇（可多选）", "Towns"),
    "all_towns": ("全部街镇", "All towns"),
    "industry": ("行业类别", "Industry"),
    "all_industries": ("全部行业", "All industries"),
    "bad_url_town": ("链接中的街镇无法识别，已忽略：{values}", "Unknown town in the link, ignored: {values}"),
    "bad_url_asof": ("链接中的日期无效或早于所有快照，已忽略：{value}", "Invalid date in the link, ignored: {value}"),
    "bad_url_industry": ("链接中的行业无法识别，已忽略：{value}", "Unknown industry in the link, ignored: {value}"),
    "asof_mapped": ("{wanted} 不是报表日期，已使用此前最近的快照 {used}", "{wanted} is not a snapshot date; using {used}"),
    "page_no_db": ("还没有数据库（{db}）。请运行 `python -m unionboard init` 生成嘉定区示例数据，或运行 "
              "`python -m unionboard init --empty` 后在“数据管理”页上传名册。",
              "No database yet ({db}). Run `python -m unionboard init` for the Jiading sample, or "
              "`python -m unionboard init --empty` and upload rosters on the Data page."),
    "no_snapshots": ("数据库中还没有单位名册快照。请在“数据管理”页上传单位名册（CSV 或 XLSX）。",
                     "No roster snapshot yet. Upload a units roster on the Data page."),
    "caption": ("报表日期 {snapshot}（{year}年目标）· {towns} · {industry}", "Snapshot {snapshot} ({year} targets) · {towns} · {industry}"),
    "no_baseline": ("· 无上年末基期快照，新发展会员数留空", "· no previous year-end baseline: new members empty"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "csv_codes": ("用 Excel 直接打开 CSV 时，纯数字的统一社会信用代码会显示为科学计数法（如 9.13E+17）且末位丢失；"
                  "请下载 Excel 版本（代码保持为文本），或在 Excel 中以“文本”格式导入该列。",
                  "Opened directly in Excel, an all-digit credit code in the CSV shows as 9.13E+17 and loses its last "
                  "digits: use the Excel download (codes stay text), or import that column as Text."),
    "no_targets": ("本年度尚未导入目标（年度目标），完成率与进度状态留空。请在“数据管理”页上传目标责任书。",
                   "No targets for this year yet: completion and status stay empty. Upload targets on the Data page."),
    "empty_selection": ("所选街镇在此快照中没有在营单位。", "The selected towns have no active units in this snapshot."),
    "summary": ("情况通报（摘要）", "Summary"),
    "trend_progress": ("目标完成进度（按快照）", "Progress against targets by snapshot"),
    "trend_rates": ("建会率与入会率趋势", "Coverage and membership over time"),
    "vs_prev": ("环比", "vs previous"),
    "yoy": ("同比 {value}（{date}）", "year on year {value} ({date})"),
    "yoy_none": ("同比：无上年同期报表", "year on year: no report a year earlier"),
    "target": ("目标", "target"),
    "done": ("完成", "done"),
    "schedule": ("序时进度", "Time elapsed"),
    "double_half": ("双过半", "Half by mid-year"),
    "status_mix": ("街镇进度状态", "Towns by status"),
    "towns_chart": ("各街镇目标完成率与序时进度", "Completion by town against time elapsed"),
    "towns_ranking": ("街镇排名", "Ranking"),
    "drill": ("钻取街镇（点击柱形或在此选择）", "Drill into a town (click a bar or choose here)"),
    "drill_none": ("—", "—"),
    "drill_areas": ("{town}：村居园区", "{town}: villages and parks"),
    "drill_feds": ("{town}：工会联合会", "{town}: federations"),
    "by_industry": ("按行业类别", "By industry"),
    "by_two_new": ("两新组织", "New economic and social organisations"),
    "key_uncovered": ("世界500强及外资（港澳台）企业中尚未建会的单位", "Fortune 500 and foreign units without a union"),
    "by_type": ("按单位类型", "By unit type"),
    "buildings_chart": ("各楼宇建会率（蓝色：已成立楼宇工会联合会；灰色：未成立）",
                        "Coverage by building (blue: with a building federation; grey: without)"),
    "buildings_without": ("尚未成立楼宇工会联合会的楼宇", "Buildings without a building federation"),
    "feds_chart": ("各街镇工会联合会（按类型）", "Federations by town and kind"),
    "feds_list": ("工会联合会名录", "Federation list"),
    "dyn_chart": ("各月企业动态", "Events by month"),
    "dyn_table": ("按街镇、月份", "By town and month"),
    "followup": ("关闭、迁出且会员未全部转接的单位（跟踪名单）（{n}；未转接会员 {lost}）",
                 "Units that closed or left with members not transferred ({n}; members not transferred: {lost})"),
    "train_chart": ("各街镇参训人数（按培训对象）", "Trainees by town and audience"),
    "chairs_chart": ("村(园区)工会主席培训与村(园区)工会联合会数", "Village/park chairs trained against federations"),
    "sessions": ("培训班次", "Sessions"),
    "uncovered_kpi": ("未建会在营单位", "Active units without a union"),
    "uncovered_25": ("其中25人以上", "of which 25+ employees"),
    "uncovered_emp": ("涉及职工", "Employees concerned"),
    "list_page": ("页码（共 {pages} 页，每页 1,000 家）", "Page (of {pages}, 1,000 units each)"),
    "list_rows": ("第 {first}–{last} 家，共 {total} 家；按职工人数从多到少排列。下载按钮给出完整清单。",
                  "Units {first}–{last} of {total}, largest first. The download gives the whole list."),
    "uncovered_chart": ("各街镇未建会单位（25人以上 / 25人以下）", "Units without a union by town (25+ / under 25)"),
    "upload": ("上传文件（Excel .xlsx/.xls、WPS、ODS 或 CSV/TSV；多工作表工作簿按表名识别数据类型）",
               "Upload a file (Excel .xlsx/.xls, WPS, ODS or CSV/TSV)"),
    "kind": ("数据类型", "Kind"),
    "kind_auto": ("自动识别", "Detect"),
    "snapshot_date": ("报表日期（单位名册；文件中无“报表日期”列时必填）", "Report date (units without a 报表日期 column)"),
    "report_town": ("报送街镇（单位名册）", "Town reporting (units)"),
    "report_town_any": ("按文件中的街镇", "The towns in the file"),
    "report_town_help": ("选定后，文件中其他街镇的行将被拒绝。不选：文件中出现的每个街镇都作为该街镇的报表。",
                         "With a town chosen, rows of other towns are refused. Without: each town in the file is reported."),
    "received_date": ("收到日期（补录旧报表时填写）", "Received on (when loading older reports)"),
    "received_help": ("不填则为现在。补录以前收到的报表时填写实际收到日期，报送进度据此判断按时或逾期。",
                      "Default: now. For reports received earlier, their real date (报送进度 judges on time or late by it)."),
    "preview_findings": ("名册核对：本文件导入后将发现 {n} 项需核实（可先更正名册或补报企业动态）",
                         "Roster check: this file would bring {n} finding(s) (correct the roster or send the events first)"),
    "report_plan": ("各街镇报表（导入后生效）", "What the file does, per town"),
    "confirm_replace": ("我已核对：替换 {towns} 该报表日期的原报表", "I checked: replace the reports of {towns} for that date"),
    "confirm_shrink": ("我已核对：单位数减少属实，名册已填全", "I checked: the drop in units is real and the roster is complete"),
    "town_upload_only": ("街镇账户：可在此报送本街镇（{town}）的单位名册，以及本街镇与村居园区签订的年度目标。",
                         "Town account: you can send the units report of {town} here, and the targets it signed with its "
                         "villages and parks."),
    "preview": ("预览（前 20 行）", "Preview (first 20 rows)"),
    "valid": ("校验通过：{rows} 行，可以导入。", "Valid: {rows} rows, ready to import."),
    "invalid": ("校验未通过：{n} 个问题。请修改文件后重新上传；数据库未作任何改动。",
                "Refused: {n} problem(s). Fix the file and upload again; nothing was changed."),
    "report_download": ("下载校验报告", "Download the validation report"),
    "confirm": ("确认导入", "Import"),
    "import_done": ("已导入（第 {id} 次导入）：{summary}", "Imported (import #{id}): {summary}"),
    "snapshots": ("单位名册快照", "Roster snapshots"),
    "history": ("导入记录", "Import history"),
    "warnings": ("提示", "Notes"),
    "notices_many": ("提示（{n} 条）", "Notes ({n})"),
    "signin_record": ("登录记录（最近 {n} 条；连续失败 {failures} 次锁定 {minutes} 分钟）",
                      "Sign-in record (latest {n}; {failures} failures lock a name for {minutes} minutes)"),
    "signin_time": ("时间", "Time"),
    "signin_event": ("事件", "Event"),
    "reading_notices": ("读取说明（{n} 条）：跳过或推断的内容", "How the file was read ({n}): what was skipped or inferred"),
    "reading_notice": ("说明", "Note"),
    "template_title": ("下载填报模板（Excel）", "Download a fill-in template (Excel)"),
    "template_town": ("街镇", "Town"),
    "template_all_towns": ("全部街镇", "All towns"),
    "template_help": ("模板含填写说明、下拉选项和数字/日期校验；选定街镇的单位名册模板已预填该街镇最近一期报表。",
                      "With instructions, dropdowns and number/date checks; a town's units template is pre-filled "
                      "with its latest report."),
    "template_download": ("⬇ 下载模板", "⬇ Download"),
    "own_town_only": ("街镇账户：单位名单只显示本街镇（{town}）", "Town account: unit lists show {town} only"),
    "signed_in": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "sign_out": ("退出登录", "Sign out"),
    "sign_in": ("登录", "Sign in"),
    "user_name": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "sign_in_failed": ("用户名或密码不正确", "Wrong user name or password"),
    "sign_in_locked": ("连续 {n} 次登录失败，此用户名在本机已锁定至 {until}（其他电脑不受影响）。请到时再试；"
                       "或在服务器上运行 python -m unionboard user unlock 用户名 立即解除（管理员被锁定时也可如此，"
                       "重设密码同样解除锁定）。如非本人操作，请告知管理员。",
                       "{n} failed sign-ins: this name is locked on this computer until {until} (other computers are "
                       "not affected). Try again then, or run python -m unionboard user unlock NAME on the server to "
                       "unlock it now (an administrator locked out can do so too; a password reset also unlocks). "
                       "If that was not you, tell the administrator."),
    "session_ended": ("您的登录已结束：账户已在服务器上更改或删除，或已在某处退出登录。请重新登录。",
                      "Your sign-in has ended: the account was changed or removed on the server, or signed out "
                      "somewhere. Sign in again."),
    "page_read_only": ("看板当前为只读：未配置账户，任何人都不能在此导入或回退数据。启用上传：由管理员在服务器上运行 "
                  "`python -m unionboard user add 用户名 --role 管理员`（另可添加 --role 领导、--role 街镇 --town 安亭镇 的账户），"
                  "之后用管理员账户登录。命令行导入不受影响。",
                  "The dashboard is read-only: no accounts are configured. To enable uploads, run "
                  "`python -m unionboard user add NAME --role 管理员` on the server and sign in. The command line is unaffected."),
    "admin_only": ("只有管理员可以导入和回退数据。", "Only an administrator may import and roll back."),
    "rollback": ("回退", "Roll back"),
    "rollback_pick": ("回退到某次导入之前（该次及之后的导入都将撤销）", "Restore the state before an import (it and later ones undone)"),
    "rollback_done": ("已回退：{detail}", "Rolled back: {detail}"),
    "page_meeting": ("会议模式", "Meeting mode"),
    # issue 26: the user guide (docs/使用说明.md) as the dashboard's last page
    "page_guide": ("使用说明", "User guide"),
    "guide_chinese_only": ("本说明为中文，写给区总工会和各街镇的工作人员。",
                           "This guide is written in Chinese, for the district's and the towns' staff. The documentation "
                           "in English is the README and docs/ of the project."),
    "guide_missing": ("找不到使用说明文件（{file}）：请从项目的 docs 文件夹恢复。",
                      "The user guide file ({file}) is missing: restore it from the project's docs folder."),
    "meet_prev": ("上一页", "Previous"),
    "meet_next": ("下一页", "Next"),
    "meet_hint": ("← → 键翻页", "← → keys to step"),
    "meet_total": ("全区总体情况", "District totals"),
    "meet_towns": ("各街镇进度与序时进度", "Towns against time elapsed"),
    "meet_double_half": ("双过半", "Half by mid-year"),
    "meet_industries": ("行业覆盖", "Industries"),
    "meet_buildings": ("商务楼宇", "Commercial buildings"),
    "meet_federations": ("工会联合会", "Federations"),
    "meet_dynamics": ("企业动态与会员转接", "Closures, moves and member transfer"),
    "meet_lagging": ("滞后与预警街镇", "Lagging and warning towns"),
    "download_briefing": ("下载情况通报（Word）", "Download the briefing (Word)"),
    "download_workbook": ("下载全部视图（Excel）", "Download every view (Excel)"),
    "kpi_active": ("在营单位", "Active units"),
    "kpi_unionised": ("已建会单位", "Units with union"),
    "kpi_coverage": ("建会率", "Coverage"),
    "kpi_members": ("会员", "Members"),
    "kpi_membership": ("入会率", "Membership"),
    "kpi_migrant": ("农民工入会率", "Migrant membership"),
    "kpi_new_unions": ("新建会单位", "New unions"),
    "kpi_new_members": ("新发展会员", "New members"),
    "transfer_rate": ("会员转接率", "Transfer rate"),
    "dissolved": ("撤销工会", "Unions dissolved"),
    "transferred": ("转移接续", "Unions transferred"),
    # pages' cards and notes
    "lang_picker": ("语言 / Language", "语言 / Language"),
    "lang_zh": ("中文", "中文"),
    "lang_en": ("English", "English"),
    "with_count": ("{title}（{n}）", "{title} ({n})"),
    "status_count": ("{status}（{n}）", "{status} ({n})"),
    "notice_line": ("提示：{line}", "Notes: {line}"),
    "kpi_buildings": ("楼宇数", "Buildings"),
    "kpi_with_building_fed": ("已成立楼宇工会联合会", "With building federation"),
    "kpi_building_units": ("入驻在营单位", "Active units"),
    "kpi_building_coverage": ("楼宇建会率", "Coverage"),
    "buildings_none": ("所选街镇没有登记商务楼宇。", "No buildings registered for the selected towns."),
    "building_of_town": ("**{building}**（{town}）", "**{building}** ({town})"),
    # issue 27: targets with a 范围 (ui/scopes.py)
    "scope_chart": ("各范围目标进度（行业、两新组织、世界500强、商务楼宇）",
                    "Scopes against their targets (industries, two-new, Fortune 500, buildings)"),
    "scope_none": ("本年度没有带“范围”的目标（行业、两新组织、世界500强、商务楼宇），表中目标列留空。"
                   "可在“数据管理”页上传含“范围”列的年度目标。",
                   "No targets with a 范围 (industry, two-new, Fortune 500, buildings) this year; the target columns stay "
                   "empty. Upload targets with a 范围 column on 数据管理."),
    "scope_line": ("范围目标：{parts}", "Scoped targets: {parts}"),
    "scope_sep": ("；", "; "),
    "scope_behind": ("{n}项慢于序时进度——{items}", "{n} behind schedule — {items}"),
    "scope_behind_item": ("{scope}（{indicator}完成{done}，序时进度{schedule}）",
                          "{scope} ({indicator} {done} done, time elapsed {schedule})"),
    "scope_below": ("{n}项低于目标——{items}", "{n} below target — {items}"),
    "scope_below_item": ("{scope}{indicator}{actual}（低于目标{gap}个百分点）", "{scope} {indicator} {actual} ({gap} pp below target)"),
    "scope_all_on_track": ("范围目标：各范围均达到序时进度和目标。", "Scoped targets: every scope is on schedule and at target."),
    "scope_link": ("行业与两新", "Industries"),
    "bld_targets": ("楼宇整体与目标", "The buildings as a whole against their targets"),
    "bld_scope_count": ("商务楼宇{what}", "Buildings: {what}"),
    "bld_scope_rate": ("商务楼宇{what}", "Buildings: {what}"),
    "bld_count_detail": ("目标 {target} · 完成 {done} · 序时进度 {schedule}", "target {target} · done {done} · time elapsed {schedule}"),
    "bld_rate_detail": ("目标 {target} · 差距 {gap} 个百分点", "target {target} · gap {gap} pp"),
    "bld_feds": ("楼宇工会联合会数", "Building federations"),
    "meet_scopes": ("行业、两新与楼宇目标", "Industries, two-new and buildings against targets"),
    "kpi_opened": ("新开业", "Opened"),
    "kpi_closed_moved": ("关闭 / 迁出", "Closed / moved out"),
    "dyn_none": ("本年度尚无企业动态记录。", "No events this year yet."),
    "kpi_federations": ("工会联合会", "Federations"),
    "kpi_village_park": ("村(园区)工会联合会", "Village/park"),
    "kpi_cadres": ("专职干部", "Full-time cadres"),
    "kpi_units_covered": ("覆盖单位", "Units covered"),
    "kpi_trainees": ("参训人数", "Trainees"),
    "kpi_chairs": ("村(园区)工会主席", "Village/park chairs"),
    "kpi_chairs_trained": ("主席培训覆盖率", "Chairs trained"),
    "kpi_target_line": ("目标 {target} · 完成 {done}", "target {target} · done {done}"),
    "no_target_short": ("未下达目标", "no target"),
    "dh_caption": ("新建会单位 {units} · 新发展会员 {members}（≥50%）", "New unions {units} · new members {members} (≥ 50%)"),
    "meet_lagging_line": ("{town}：新建会 {units}，新发展会员 {members}", "{town}: new unions {units}, new members {members}"),
    "create_empty_db": ("创建空数据库（仅含嘉定区街镇字典）", "Create an empty database"),
    "kind_option": ("{name}（{code}）", "{name} ({code})"),
    "towns_ranking_help": ("按新建会单位数、新发展会员数两项完成率中较低一项从高到低排名；未下达目标的街镇列在最后，不排名。"
                           "下表为各街镇全部指标（街镇字典顺序，与下载、导出一致）。",
                           "Ranked by the lower of the two completions (new unions, new members), highest first; towns "
                           "without a target come last, unranked. The table below has every figure, in dictionary order "
                           "(as downloaded and exported)."),
    "towns_table": ("各街镇进度明细", "Towns in detail"),
    "download_csv_of": ("⬇ 下载 CSV（{title}）", "⬇ Download CSV ({title})"),
    "file_district": ("全区", "district"),
    "file_briefing": ("通报", "通报"),
    "file_workbook": ("全部视图", "全部视图"),
    "file_report": ("校验报告", "校验报告"),
    "signed_in_town": ("已登录：{name}（{role}，{town}）", "Signed in: {name} ({role}, {town})"),
}

# ------------------------------------------------------------------ charts (unionboard.charts)
CHARTS: dict[str, tuple[str, str]] = {
    "chart_new_unions_done": ("新建会单位数完成率", "New unions done"),
    "chart_new_members_done": ("新发展会员数完成率", "New members done"),
    "chart_schedule": ("序时进度", "Time elapsed"),
    "chart_warning_line": ("预警线", "Warning line"),
    "chart_coverage": ("建会率", "Coverage"),
    "chart_membership": ("入会率", "Membership"),
    "chart_migrant": ("农民工入会率", "Migrant membership"),
    "chart_done_axis": ("完成率(%)", "done (%)"),
    "chart_rate_axis": ("比率(%)", "rate (%)"),
    "chart_with_fed": ("已成立楼宇工会联合会", "With building federation"),
    "chart_without_fed": ("未成立楼宇工会联合会", "Without building federation"),
    "chart_building_of_town": ("{building}（{town}）", "{building} ({town})"),
    # issue 27: each scope against its targets (charts.scope_targets)
    "chart_scope_counts": ("计数目标完成率（黑色竖线：序时进度）", "Counts: done (black mark: time elapsed)"),
    "chart_scope_rates": ("比率与目标（黑色竖线：目标；括号内为差距）", "Rates (black mark: target; gap in brackets)"),
    "chart_scope_target": ("目标", "Target"),
    "chart_scope_rate_text": ("{actual}%（{gap}）", "{actual}% ({gap})"),
    "chart_scope_count_text": ("{actual} / {target}（{done}%）", "{actual} / {target} ({done}%)"),
}

# ------------------------------------------------------------------ sentences (unionboard.summary)
SENTENCES: dict[str, tuple[str, str]] = {
    "list_sep": ("、", ", "),
    "part_sep": ("；", "; "),
    "note_sep": ("　", "  "),
    "full_stop": ("。", "."),
    "date_long": ("{year}年{month}月{day}日", "{iso}"),
    "dh_short_met": ("已实现", "Yes"),
    "dh_short_not_met": ("未实现", "No"),
    "dh_short_too_early": ("6月起判断", "From June"),
    "dh_short_no_target": ("无目标", "No target"),
    "dh_short_no_baseline": ("无基期", "No baseline"),
    "dh_met": ("已实现“双过半”", "Half the year's task done by mid-year: yes"),
    "dh_not_met": ("未实现“双过半”", "Half the year's task done by mid-year: no"),
    "dh_too_early": ("6月起判断“双过半”", "双过半 is judged from June on"),
    "dh_no_target": ("本年度未下达新建会单位数、新发展会员数目标，无法判断“双过半”",
                     "No targets for 新建会单位数 and 新发展会员数 this year: 双过半 cannot be judged"),
    "dh_no_baseline": ("缺少上年末（12月31日）基期报表，新发展会员数无法计算，暂无法判断“双过半”",
                       "No report on or before 31 December of last year (the baseline), so 新发展会员数 cannot be counted "
                       "and 双过半 cannot be judged"),
    "brief_district": ("全区", "the district"),
    "brief_selected": ("所选街镇（{towns}）", "the selected towns ({towns})"),
    "brief_totals": ("截至{date}，{scope}在营单位{active}家，已建会单位{unionised}家，建会率{coverage}；会员{members}人，"
                     "入会率{membership}。",
                     "As of {date}, {scope} had {active} active units, {unionised} with a union (coverage {coverage}), "
                     "and {members} members (membership {membership})."),
    "brief_new_unions": ("今年以来新建会单位{n}家", " This year {n} units formed a union"),
    "brief_new_unions_target": ("，完成年度目标（{target}家）的{done}", ", {done} of the target of {target}"),
    "brief_new_members": ("；新发展会员{n}人", "; {n} new members"),
    "brief_new_members_target": ("，完成年度目标（{target}人）的{done}", ", {done} of the target"),
    "brief_schedule": ("；序时进度{schedule}。{verdict}。", "; time elapsed {schedule}. {verdict}."),
    "brief_status": ("{n}个街镇中，{on_track}个达到序时进度，{slow}个慢于序时进度{lagging}{warning}。",
                     " Of {n} towns, {on_track} on track, {n_warning} warning{warning}, {n_lagging} lagging{lagging}."),
    "brief_lagging": ("，其中{towns}滞后", " ({towns})"),
    "brief_warning": ("，{towns}预警", " ({towns})"),
    "rep_head": ("{year}年{month}月：{done}个街镇已报送", "{year}-{month:02d}: {done} of {total} towns reported"),
    "rep_late": ("（其中{towns}逾期）", " ({n} late: {towns})"),
    "rep_missing": ("，{towns}未报送", "; not reported: {towns}"),
    "rep_pending": ("，{towns}尚未到报送期限", "; not yet due: {towns}"),
    "find_part": ("{finding} {n} 家（{units}{more}）", "{finding} {n} ({units})"),
    "find_more": ("等", ""),
    "find_line": ("{town}：{parts}", "{town}: {parts}"),
    # ---- issue 28 (security) and issue 22 (the as-of default, town accounts, user list/remove) ----
    "asof_coming_in": ("{year}年{month}月报送中：{n}/{total} 个街镇已报送",
                       "{year}-{month:02d} reports coming in: {n}/{total} towns have reported"),
    "asof_coming_in_short": ("{date}（报送中 {n}/{total}）", "{date} (coming in {n}/{total})"),
    "asof_coming_in_cli": ("（查看该月：--as-of {date}）", " (to see it: --as-of {date})"),
    "asof_help_default": ("默认为最近一个已截止的报表日期：所有街镇均已报送，或已过报送期限（报表日期后 {days} 天）。"
                          "仍在报送中的月份列在其上方，并注明已报送的街镇数。",
                          "The default is the latest closed report date: every town has reported, or the due day "
                          "({days} days after the report date) has passed. A month still coming in is listed above it "
                          "with how many towns have reported."),
    "snapshot_future": ("报表日期 {date} 晚于今天（{today}），不能导入：请检查报表日期",
                        "the report date {date} is after today ({today}): a report cannot be dated in the future"),
    "action_refused": ("此操作未执行：您的账户已在服务器上更改、删除或已退出登录，或无此权限。请重新登录。",
                       "Not done: your account was changed or removed on the server, or signed out, or may not do "
                       "this. Sign in again."),
    "own_town_changes": ("名册核对（仅本街镇{town}）：本期报表有 {n} 项变动没有企业动态可以解释，需核实",
                         "Roster check ({town} only): {n} change(s) no event explains"),
    "preview_other_town": ("（他街镇单位：仅显示其存在）", "(another town's unit: only that it is there)"),
    "template_town_kinds": ("街镇账户报送本街镇（{town}）的单位名册（模板已预填该街镇最近一期报表）和本街镇与村居园区签订的年度目标"
                            "（模板列出本街镇的各村居园区，只填已签订的目标值）。",
                            "A town account sends {town}'s units roster (the template is pre-filled with its latest "
                            "report) and the targets the town signed with its areas (the template lists its areas; fill "
                            "in the targets signed)."),
    "user_name_needed": ("user {action} 需要用户名", "user {action} needs a user name"),
    "user_role_needed": ("user add 需要 --role（领导、街镇 或 管理员）", "user add needs --role (领导, 街镇 or 管理员)"),
    "user_list_empty": ("{path}：没有账户（看板为只读）", "{path}: no accounts (the dashboard is read-only)"),
    "user_locked_now": ("已锁定至 {until}（{clients} 处）", "locked until {until} ({clients} client(s))"),
    "user_removed": ("已删除账户 {name}，其所有登录会话已结束", "removed {name}; every session of it has ended"),
    "user_unknown": ("没有名为「{name}」的账户", 'no account named "{name}"'),
    "user_unlocked": ("已解除 {name} 的登录锁定", "{name} is unlocked"),
    "user_added_reset": ("（已重设密码：该账户的登录锁定已解除，原有会话已结束）",
                         " (password reset: its lock is cleared and its sessions have ended)"),
    "signin_client": ("来源地址", "Client"),
    "signin_unlock": ("解除锁定（命令行或重设密码）", "unlocked (command line or password reset)"),
    "signin_revoked": ("该账户的所有会话已结束", "every session of the account ended"),
}

# Every word by its key; a key is in one table only.
# ------------------------------------------------------------------ issue 22: the room view (meeting mode, charts)
ROOM_VIEW: dict[str, tuple[str, str]] = {
    "chart_dynamics_axis": ("↑ 开业、迁入　↓ 停产、关闭、迁出：", "↑ in  ↓ out: "),
    "meet_back": ("返回看板", "Back to the dashboard"),
    "meet_rotate": ("轮播：每 {n} 秒自动翻页", "Rotating: next topic every {n} s"),
    "meet_rest": ("其余 {n} 个", "{n} more"),
    "meet_buildings_lowest": ("建会率最低的 {n} 个商务楼宇（共 {total} 个）", "The {n} buildings with the lowest coverage (of {total})"),
    "meet_dh_rule": ("双过半：时间过半（6月30日）时，新建会单位数、新发展会员数两项目标均完成 50% 以上。",
                     "Half by mid-year: at 30 June, new unions and new members have each reached 50% of the year's target."),
    "meet_dh_pass": ("已过半", "reached"),
    "meet_dh_fail": ("未过半，差 {gap} 个百分点", "not reached: {gap} points short"),
    "meet_dh_none": ("无法判断", "cannot be judged"),
    "stored_rows": ("{kind}：新增 {added} 行，{same} 行已有", "{kind}: {added} rows added, {same} already there"),
    # the import kinds by name (the import history, an import's summary)
    "kind_towns": ("街镇", "towns"), "kind_buildings": ("商务楼宇", "buildings"), "kind_federations": ("工会联合会", "federations"),
    "kind_targets": ("目标", "targets"), "kind_units": ("单位名册", "units roster"), "kind_events": ("企业动态", "events"),
    "kind_training": ("干部培训", "training"),
    "upload_hint": ("把文件拖到下面的框里，或点框里的按钮（Browse files / Upload）选择文件；每个文件不超过 {mb} MB。",
                    "Drag a file onto the box below or click its button to choose one; at most {mb} MB a file."),
}

WORDS: dict[str, tuple[str, str]] = {}
for _table in (MESSAGES, ERRORS, COMMAND_LINE, SIGN_IN_EVENTS, VIEW_TITLES, DASHBOARD, CHARTS, SENTENCES, ROOM_VIEW):
    _twice = WORDS.keys() & _table.keys()
    if _twice:
        raise KeyError(f"catalog keys in two tables: {sorted(_twice)}")
    WORDS.update(_table)

# ------------------------------------------------------------------ issue 24: one level down (the towns' areas)
AREA_WORDS: dict[str, tuple[str, str]] = {
    "empty_row_skipped": ("第{rows}行的「{col}」为空：不设目标，已跳过（{n}行）",
                          "rows {rows}: {col} is empty, so no target is set; skipped ({n} rows)"),
    "unknown_area": ("不是「{town}」的村居园区（该街镇名册或工会联合会中出现过的村居园区：{areas}）",
                     'not an area of "{town}" (the areas its reports or federations name: {areas})'),
    "target_other_town": ("只能上传「{town}」的目标，本行是其他街镇的",
                          'only targets of "{town}" may be sent here; this row is of another town'),
    "target_area_required": ("「{town}」上传的是本街镇与村居园区签订的目标，须填写村居园区（区下达给街镇的目标由区总工会导入）",
                             '"{town}" sends the targets it signed with its areas: 村居园区 is required (the district '
                             "imports the targets it gave the town)"),
    "one_town_view": ("视图「{view}」须指定且只能指定一个街镇（--town 街镇），现为 {n} 个",
                      'view "{view}" needs exactly one town (--town T); {n} given'),
    "view_area-progress": ("村居园区进度", "Progress by village and park"),
    "view_area-status": ("村居园区进度汇总", "Villages and parks by status"),
    "page_town": ("街镇详情", "Town page"),
    "town_page_title": ("{town}：工会组建进度", "{town}: union formation progress"),
    "town_page_pick": ("街镇", "Town"),
    "town_page_chart": ("各村居园区目标完成率与序时进度", "Completion by village and park against time elapsed"),
    "town_page_table": ("各村居园区进度（街镇与村居园区签约）", "Villages and parks against the targets the town signed"),
    "town_page_total": ("全镇合计：对村居园区目标之和，及区下达目标", "The whole town against its areas' targets and the district's"),
    "town_page_no_area_targets": ("{town} {year}年尚未导入与村居园区签订的目标：下表列出各村居园区的实际数，"
                                  "可在「数据管理」下载本街镇的目标模板填写后上传。",
                                  "{town} has no targets with its areas for {year} yet: the table shows their figures; "
                                  "download the town's targets template on 数据管理, fill it in and upload it."),
    "town_page_versus": ("{indicator}：全镇 {actual}，村居园区目标之和 {areas}，区下达目标 {district}，差额 {diff}",
                         "{indicator}: the town {actual}, the areas' targets {areas}, the district's target {district}, "
                         "difference {diff}"),
    "town_page_lagging": ("滞后的村居园区：{areas}", "Lagging villages and parks: {areas}"),
    "town_page_feds": ("{town}：工会联合会", "{town}: federations"),
    "towns_area_status": ("各街镇村居园区进度（达标 / 预警 / 滞后 / 无目标）", "Each town's villages and parks by status"),
    "towns_area_status_help": ("进入各街镇的村居园区进度页：", "Each town's own progress page:"),
    "town_link": ("{town}", "{town}"),
    # the town's own 通报 and meeting slide (briefing.town_blocks, pages/meeting.py)
    "brief_areas_heading": ("{town}各村居园区目标完成情况", "{town}: villages and parks against their targets"),
    "brief_areas_rank": ("按完成率排名（取新建会单位数、新发展会员数完成率中较低者）：{ranked}。",
                         "Ranked by the lower completion: {ranked}."),
    "brief_areas_lagging": ("滞后的村居园区：{areas}，请加大工作力度。", "Lagging: {areas}."),
    "brief_areas_warning": ("预警的村居园区：{areas}。", "Warning: {areas}."),
    "brief_areas_dh": ("“双过半”：{met}个村居园区已实现（{names}），{not_met}个未实现。",
                       "双过半: {met} areas met it ({names}), {not_met} did not."),
    "brief_areas_total": ("全镇新建会单位数{new_unions}家、新发展会员数{new_members}人，对村居园区目标之和完成率分别为{done_u}、{done_m}；"
                          "区下达目标新建会单位数{t_u}家、新发展会员数{t_m}人。",
                          "The whole town: {new_unions} new unions, {new_members} new members, {done_u} and {done_m} of "
                          "its areas' targets; the district's targets {t_u} and {t_m}."),
    "brief_areas_none": ("本街镇尚未导入与村居园区签订的目标。", "No targets with the town's areas yet."),
    "meet_areas": ("村居园区进度", "Villages and parks"),
}
if WORDS.keys() & AREA_WORDS.keys():
    raise KeyError(f"catalog keys in two tables: {sorted(WORDS.keys() & AREA_WORDS.keys())}")
WORDS.update(AREA_WORDS)
# issue 26 (the house): the engine's own messages — a problem's place in its file, the template workbook,
# the units import's plan and result lines — kept here like every other word (they were language branches
# in validate.py, templates.py, importer.py and kinds/).
ENGINE: dict[str, tuple[str, str]] = {
    "labelled": ("{label}：{text}", "{label}: {text}"),
    "cell_letter": ("{letter}列", "column {letter}"),
    "cell_letter_header": ("{letter}列「{column}」", 'column {letter} "{column}"'),
    "cell_header": ("「{column}」", 'column "{column}"'),
    "problem_header": ("{cell}", " {cell}"),  # a column without its letter: no space before it in Chinese
    "problem_row": (" 第{row}行", " row {row}"),
    "problem_value": (" 值「{value}」", ' value "{value}"'),
    "report_file": ("文件", "file"),
    "report_sheet": ("工作表", "sheet"),
    "report_row": ("行", "row"),
    "report_column": ("列", "column"),
    "report_value": ("值", "value"),
    "report_problem": ("问题", "problem"),
    "template_help_title": ("{zh}（{code}）填写说明", "{code} ({zh}): how to fill it in"),
    "template_general_header": ("第 1 行是表头：请勿修改、删除或调换列名；从第 2 行起每行填一条记录。",
                                "Row 1 is the header: do not rename, delete or reorder the columns; one record per "
                                "row from row 2."),
    "template_general_values": ("带下拉箭头的列请从下拉列表中选择；数字列只能填整数（或数），日期列填日期。",
                                "Columns with a dropdown take a value from its list; number columns take whole "
                                "numbers (or numbers), date columns dates."),
    "template_general_layout": ("不要合并单元格，不要在表中加合计行；表头上方可以加标题行，导入时会自动跳过。",
                                "Do not merge cells or add total rows; title rows above the header are skipped on "
                                "import."),
    "template_general_upload": ("保存为 .xlsx 后上传到「数据管理」，或用命令 python -m unionboard import 导入。",
                                "Save as .xlsx and upload it on 数据管理, or import it with python -m unionboard "
                                "import."),
    "template_head_column": ("列名", "column"),
    "template_head_key": ("英文键", "key"),
    "template_head_required": ("是否必填", "required"),
    "template_head_rule": ("填写规则", "rule"),
    "plan_first": ("{town} {date}：文件 {rows:,} 行", "{town} {date}: {rows:,} rows in the file"),
    "plan_replaces": ("；替换 {received:%Y-%m-%d %H:%M} 报送的原报表（{replaces:,} 行）",
                      "; replaces the report received {received:%Y-%m-%d %H:%M} ({replaces:,} rows)"),
    "plan_previous": ("；较上期（{prev_date}，{prev_rows:,} 家）{change:+,}",
                      "; {change:+,} against {prev_date} ({prev_rows:,})"),
    "plan_first_report": ("；该街镇首次报送", "; the town's first report"),
    "plan_shrinks": ("{town}单位数较此前减少 {drop:.1f}%（{rows:,} 家，此前 {base:,} 家），超过 20%，请核对名册是否填全",
                     "{town}: {drop:.1f}% fewer units than before ({rows:,} against {base:,}); "
                     "check the sheet is complete"),
    "units_written": ("{town} {rows:,} 行", "{town} {rows:,}"),
    "units_written_replaced": ("（替换原 {old:,} 行）", " (replaced {old:,})"),
    "units_written_sep": ("；", "; "),
}
_twice = WORDS.keys() & ENGINE.keys()
if _twice:
    raise KeyError(f"catalog keys in two tables: {sorted(_twice)}")
WORDS.update(ENGINE)

# ------------------------------------------------------------------ columns and values
TEXT, COUNT, PCT, POINTS = "text", "count", "pct", "points"  # how a column's values are shown


@dataclass(frozen=True)
class Column:
    """A column of the views and tables (its Chinese name is its key in COLUMNS): its English name, how its
    values are shown (TEXT as they are, COUNT 1,234, PCT 12.34%, POINTS 1.23) and its definition (口径)."""

    en: str
    fmt: str = TEXT
    define_zh: str | None = None
    define_en: str | None = None


COLUMNS: dict[str, Column] = {
    "街镇": Column("town", TEXT),
    "在营单位数": Column("active units", COUNT, "经营状态为“在营”或“停产”的单位数。", "Units whose status is 在营 or 停产."),
    "已建会单位数": Column("units with union", COUNT, "在营单位中建会情况为“单独建会”或“联合建会”的单位数。",
           "Active units whose 建会情况 is 单独建会 or 联合建会."),
    "建会率(%)": Column("coverage (%)", PCT, "已建会单位数 ÷ 在营单位数 × 100；分母为0时留空。",
           "Units with a union / active units × 100; empty when 0."),
    "职工人数": Column("employees", COUNT, "在营单位职工人数之和。", "Sum of employees over active units."),
    "会员人数": Column("members", COUNT, "在营单位会员人数之和。", "Sum of members over active units."),
    "入会率(%)": Column("membership (%)", PCT, "会员人数 ÷ 职工人数 × 100。", "Members / employees × 100."),
    "农民工人数": Column("migrant workers", COUNT, "在营单位农民工人数之和。", "Sum of migrant workers over active units."),
    "农民工会员数": Column("migrant members", COUNT, "在营单位农民工会员数之和。", "Sum of migrant members over active units."),
    "农民工入会率(%)": Column("migrant membership (%)", PCT, "农民工会员数 ÷ 农民工人数 × 100。",
           "Migrant members / migrant workers × 100."),
    "新建会单位数": Column("new unions", COUNT,
           "本快照中（任何经营状态）建会情况不是“未建会”、且建会日期在当年1月1日至快照日期之间的单位数。",
           "Units of the snapshot (any status) with a union founded from 1 January to the snapshot date."),
    "新建会单位数目标": Column("new unions target", COUNT, "目标责任书中当年该街镇的新建会单位数目标；全区为各街镇之和。"
           "按范围（行业、两新组织、世界500强、商务楼宇）时为该范围的目标：全区目标，"
        "无全区目标时为各街镇该范围目标之和（完成率只计有目标的街镇）。",
           "The year's target from the agreements; the district target is the sum of the towns'. "
               "By 范围 (industry, two-new, Fortune 500, buildings): the scope's 全区 target, "
               "else the sum of the towns' (completion over "
               "those towns only)."),
    "新建会单位数完成率(%)": Column("new unions done (%)", PCT, "新建会单位数 ÷ 目标 × 100；无目标时留空。",
           "New unions / target × 100; empty without a target."),
    "新发展会员数": Column("new members", COUNT, "本快照会员人数 − 基期会员人数（基期：上年12月31日及之前最近的快照）；无基期时留空。",
           "Members now minus members at the baseline (latest snapshot on or before 31 Dec of the previous year)."),
    "新发展会员数目标": Column("new members target", COUNT, "目标责任书中当年该街镇的新发展会员数目标；全区为各街镇之和。"
           "按范围（行业、两新组织、世界500强、商务楼宇）时为该范围的目标：全区目标，"
        "无全区目标时为各街镇该范围目标之和（完成率只计有目标的街镇）。",
           "The year's target from the agreements; the district target is the sum of the towns'. "
               "By 范围 (industry, two-new, Fortune 500, buildings): the scope's 全区 target, "
               "else the sum of the towns' (completion over "
               "those towns only)."),
    "新发展会员数完成率(%)": Column("new members done (%)", PCT, "新发展会员数 ÷ 目标 × 100；无目标时留空。",
           "New members / target × 100; empty without a target."),
    "序时进度(%)": Column("time elapsed (%)", PCT, "快照日期是当年第几天 ÷ 当年天数 × 100（2015年6月30日 = 181/365 = 49.59）。",
           "Day of year of the snapshot / days in the year × 100 (30 June 2015 = 49.59)."),
    "进度状态": Column("status", TEXT,
           "在有目标的计数指标（新建会单位数、新发展会员数、楼宇及村(园区)工会联合会数）中取最低完成率："
           "≥序时进度为“达标”，≥0.8×序时进度为“预警”，否则“滞后”；无目标时留空。",
           "The lowest completion over the count indicators with a target: 达标 (on track) when ≥ time elapsed, "
           "预警 (warning) when ≥ 0.8 × time elapsed, else 滞后 (lagging)."),
    "行业类别": Column("industry", TEXT),
    "两新组织": Column("two-new group", TEXT),
    "单位类型": Column("unit type", TEXT),
    "单位规模": Column("size", TEXT),
    "25人以上在营单位数": Column("active units 25+", COUNT, "职工人数≥25的在营单位数。", "Active units with 25 or more employees."),
    "25人以上已建会单位数": Column("units with union 25+", COUNT, "职工人数≥25且已建会的在营单位数。",
           "Active units with 25+ employees and a union."),
    "25人以上单位建会率(%)": Column("coverage 25+ (%)", PCT, "职工人数≥25的在营单位中，已建会单位所占比例 × 100。",
           "The same over active units with 25 or more employees."),
    "楼宇名称": Column("building", TEXT),
    "楼宇工会联合会": Column("building federation", TEXT, "有类型为“楼宇工会联合会”的联合会以该楼宇为名、且成立日期不晚于快照日期。",
           "A federation of kind 楼宇工会联合会 names the building and was founded by the snapshot date."),
    "联合会名称": Column("federation", TEXT),
    "成立日期": Column("founded", TEXT),
    "村工会联合会": Column("village federations", COUNT),
    "园区工会联合会": Column("park federations", COUNT),
    "行业工会联合会": Column("industry federations", COUNT),
    "区域工会联合会": Column("regional federations", COUNT),
    "联合会合计": Column("federations", COUNT),
    "专职干部人数": Column("full-time cadres", COUNT),
    "覆盖单位数": Column("units covered", COUNT, "快照中联合建会并以该联合会为所属联合会的在营单位数。",
           "Active units joined to the federation (联合建会)."),
    "覆盖会员数": Column("members covered", COUNT),
    "村(园区)工会联合会数": Column("village/park federations", COUNT, "成立日期不晚于快照日期的村工会联合会与园区工会联合会数。",
           "Village and park federations founded on or before the snapshot date."),
    "村(园区)工会联合会数目标": Column("village/park federations target", COUNT),
    "村(园区)工会联合会数完成率(%)": Column("village/park federations done (%)", PCT),
    "楼宇工会联合会数目标": Column("building federations target", COUNT),
    "楼宇工会联合会数完成率(%)": Column("building federations done (%)", PCT),
    "类型": Column("kind", TEXT),
    "村居园区": Column("area", TEXT),
    "工会联合会": Column("federations", COUNT),
    "月份": Column("month", TEXT),
    "新开业": Column("opened", COUNT),
    "停产": Column("stopped", COUNT),
    "关闭": Column("closed", COUNT),
    "迁入": Column("moved in", COUNT),
    "迁出": Column("moved out", COUNT),
    "撤销工会": Column("unions dissolved", COUNT),
    "转移接续": Column("unions transferred", COUNT),
    "涉及会员数": Column("members affected", COUNT),
    "转接会员数": Column("members transferred", COUNT),
    "会员转接率(%)": Column("transfer rate (%)", PCT, "关闭、迁出单位的转接会员数 ÷ 涉及会员数 × 100。",
           "Members transferred / members affected × 100, over closures and moves out."),
    "日期": Column("date", TEXT),
    "统一社会信用代码": Column("credit code", TEXT),
    "单位名称": Column("unit", TEXT),
    "事件": Column("event", TEXT),
    "现街镇": Column("to town", TEXT),
    "工会处置": Column("union action", TEXT),
    "未转接会员数": Column("members not transferred", COUNT, "涉及会员数 − 转接会员数。", "Members affected minus members transferred."),
    "培训班次": Column("sessions", COUNT, "当年开始的培训班数（开始日期、结束日期、地点、主办单位、培训对象相同为同一班次）。",
           "Sessions starting this year (same dates, place, organiser and audience = one session)."),
    "村(园区)工会主席": Column("village/park chairs", COUNT,  # issue 23: places, not people
           "当年培训对象为村(园区)工会主席的参训人数，按人次计（同一主席参训两次计2人次）。",
           "Trainee places of village/park union chairs this year (a chair trained twice counts twice)."),
    "主席培训覆盖联合会数": Column("federations covered", COUNT,  # issue 23
           "各街镇取 min(村(园区)工会主席参训人次, 村(园区)工会联合会数)；合计为各街镇之和，一个街镇多出的人次不抵其他街镇。",
           "Per town min(chair places, village/park federations); the total sums the towns' figures, so one "
           "town's extra places never cover another town's federations."),
    "企业工会主席": Column("enterprise chairs", COUNT),
    "工会干部": Column("union cadres", COUNT),
    "参训人数": Column("trainees", COUNT),
    "村(园区)工会主席培训覆盖率(%)": Column("chairs trained (%)", PCT,  # issue 23: never above 100
           "min(村(园区)工会主席参训人次, 村(园区)工会联合会数) ÷ 村(园区)工会联合会数 × 100，不超过100；"
           "参训人数按人次计，合计按各街镇的 min(…) 之和计算。",
           "min(chair places, village/park federations) / village/park federations × 100, never above 100; "
           "trainees are counted in places, and the total sums each town's min(…)."),
    "开始日期": Column("start", TEXT),
    "结束日期": Column("end", TEXT),
    "天数": Column("days", COUNT),
    "地点": Column("place", TEXT),
    "主办单位": Column("organiser", TEXT),
    "培训对象": Column("audience", TEXT),
    "参训街镇数": Column("towns", COUNT),
    "世界500强": Column("Fortune 500", TEXT),
    "经营状态": Column("status", TEXT),
    "25人以上": Column("25+", COUNT, "职工人数≥25的单位（未建会清单中：其中职工人数≥25的未建会单位数）。",
           "Units with 25 or more employees (in the uncovered counts: how many of them)."),
    "25人以下": Column("under 25", COUNT, "未建会在营单位中职工人数<25的单位数。", "Units without a union with fewer than 25 employees."),
    "未建会单位数": Column("units without union", COUNT, "建会情况为“未建会”的在营单位数。", "Active units whose 建会情况 is 未建会."),
    "涉及职工人数": Column("employees concerned", COUNT, "未建会在营单位的职工人数之和：建会后可发展为会员的职工。",
           "Employees of active units without a union: who could join once a union is formed."),
    "涉及农民工人数": Column("migrant workers concerned", COUNT, "未建会在营单位的农民工人数之和。",
           "Migrant workers of active units without a union."),
    "报表日期": Column("report date", TEXT),
    "单位数": Column("units", COUNT),
    "街镇数": Column("towns", COUNT),
    "数据来源": Column("figures from", TEXT,
           "该街镇数字取自哪一期报表：本期报表；“沿用”：本期未报送，沿用此前最近一期；“未报送”：此前从未报送，按0计。",
           "Which report a town's figures come from: this date's, an earlier one carried forward (沿用), or none (未报送)."),
    "建会率目标(%)": Column("coverage target (%)", PCT, "目标责任书中当年该街镇的建会率目标；合计行无目标（率目标按街镇下达）。"
           "按范围时为该范围的全区目标（只选一个街镇时为该街镇的目标）。",
           "The year's 建会率 target of the town; the total has none (rate targets are signed per town). "
               "By 范围: the scope's 全区 target (one town picked: the town's)."),
    "建会率差距(百分点)": Column("coverage gap (pp)", POINTS, "建会率 − 建会率目标，单位为百分点；负数表示低于目标。",
           "建会率 minus its target, in percentage points; negative means below target."),
    "入会率目标(%)": Column("membership target (%)", PCT, "目标责任书中当年该街镇的入会率目标；合计行无目标。"
           "按范围时为该范围的全区目标（只选一个街镇时为该街镇的目标）。",
           "The year's 入会率 target of the town. By 范围: the scope's 全区 target (one town picked: the town's)."),
    "入会率差距(百分点)": Column("membership gap (pp)", POINTS, "入会率 − 入会率目标，单位为百分点；负数表示低于目标。",
           "入会率 minus its target, in percentage points; negative means below target."),
    "报送状态": Column("reporting", TEXT,
           "按时：在报送期限（报表日期后第5天，区总工会可调整）内报送；逾期：期限后报送；未报送：期限已过仍未报送"
           "（该街镇数据沿用此前报表）；待报：尚未到报送期限。",
           "On time: received by the due day (5 days after the report date unless the district sets another); late: "
           "received after it; missing: none received and the due day passed (its figures are carried forward); "
           "not yet due: the due day has not come."),
    "截止日期": Column("due", TEXT),
    "报送时间": Column("received", TEXT),
    "报送人": Column("by", TEXT),
    "文件名": Column("file", TEXT),
    "较上期变化": Column("change", COUNT),
    "沿用街镇数": Column("towns carried forward", COUNT, "该报表日期未报送、沿用此前报表的街镇数。",
           "Towns counted from an earlier report at that date."),
    "未报送街镇数": Column("towns not reported", COUNT, "该报表日期及之前从未报送、按0计的街镇数。",
           "Towns with no report on or before that date (counted as zero)."),
    "报送街镇数": Column("towns reported", COUNT),
    "报送单位数": Column("units reported", COUNT),
    "报送街镇": Column("towns that reported", TEXT),
    "核对项": Column("finding", TEXT),
    "核对情况": Column("checked", TEXT, "已核对：本期有新报表并与上期报表比对；首次报送：无上期可比；沿用：本期未报送新报表，不核对。",
           "Checked: a new report compared with the previous one; first report: nothing to compare; carried: no new report."),
    "本期报表日期": Column("report date", TEXT),
    "上期报表日期": Column("previous report", TEXT),
    "单位消失未报动态": Column("gone, no event", COUNT,
           "上期报表中在营或停产、本期报表中（全区范围按统一社会信用代码）已不存在，且两期之间无“关闭”或“迁出”动态的单位。",
           "A unit 在营/停产 in the previous report, absent now (anywhere in the district), with no 关闭 or 迁出 event."),
    "新增单位未报动态": Column("new, no event", COUNT,
           "上期报表中没有（或为关闭、迁出）、本期在营，且两期之间无“新开业”或“迁入”动态的单位。",
           "A unit absent from the previous report (or 关闭/迁出 there), 在营 now, with no 新开业 or 迁入 event."),
    "工会断线": Column("union lost", COUNT,
           "上期单独建会或联合建会、本期未建会（或已不在名册中），且两期之间无工会处置为“撤销”或“转移接续”的动态的单位。",
           "单独/联合建会 before, 未建会 now (or absent), with no event whose 工会处置 is 撤销 or 转移接续."),
    "会员锐减": Column("members fell", COUNT,  # issue 23: only units that keep their union
           "两期均单独建会或联合建会、会员人数较上期减少30%及以上且减少10人及以上的在营或停产单位（两个阈值同时满足；"
           "工会已不在的单位属工会断线或由其动态说明，不再计会员锐减）。",
           "A unit still 在营 or 停产 with a union in both reports whose members fell by at least 30% and by at "
           "least 10 (a union that is gone is 工会断线 or explained by its event, not also this)."),
    "街镇变更未报": Column("moved, not reported", COUNT,
           "同一统一社会信用代码的单位出现在另一街镇的报表中，且两期之间既无原街镇的“迁出”也无现街镇的“迁入”动态。",
           "The same unit now in another town's report, with no 迁出 from the old town nor 迁入 to the new one."),
    "上期街镇": Column("town before", TEXT),
    "上期经营状态": Column("status before", TEXT),
    "上期建会情况": Column("union before", TEXT),
    "上期职工人数": Column("employees before", COUNT),
    "上期会员人数": Column("members before", COUNT),
    "本期街镇": Column("town now", TEXT),
    "本期经营状态": Column("status now", TEXT),
    "本期建会情况": Column("union now", TEXT),
    "本期职工人数": Column("employees now", COUNT),
    "本期会员人数": Column("members now", COUNT),
    "会员变化": Column("members change", COUNT),
    "期间动态": Column("events", TEXT, "两期报表之间（上期报表日期之后至本期报表日期）该单位的企业动态记录（日期、事件、工会处置）。",
           "The unit's events between the two reports (after the previous report date, up to this one)."),
    "环比报表日期": Column("compared with", TEXT),
    "同比报表日期": Column("a year before", TEXT),
    "在营单位数环比": Column("active units vs previous", COUNT),
    "在营单位数同比": Column("active units year on year", COUNT),
    "已建会单位数环比": Column("units with union vs previous", COUNT),
    "已建会单位数同比": Column("units with union year on year", COUNT),
    "建会率环比(百分点)": Column("coverage vs previous (pp)", POINTS),
    "建会率同比(百分点)": Column("coverage year on year (pp)", POINTS),
    "会员人数环比": Column("members vs previous", COUNT),
    "会员人数同比": Column("members year on year", COUNT),
    "入会率环比(百分点)": Column("membership vs previous (pp)", POINTS),
    "入会率同比(百分点)": Column("membership year on year (pp)", POINTS),
    "农民工入会率环比(百分点)": Column("migrant membership vs previous (pp)", POINTS),
    "农民工入会率同比(百分点)": Column("migrant membership year on year (pp)", POINTS),
    "新建会单位数环比": Column("new unions vs previous", COUNT,  # issue 23: the definition of a year-to-date 环比
                          "与上一报表日期相比的增加数；年内首期报表（上一期在上年）为本年累计数本身。",
                          "The change since the previous report date; at a year's first report (the previous one "
                          "in the year before) the year-to-date value itself."),
    "新建会单位数同比": Column("new unions year on year", COUNT),
    "新发展会员数环比": Column("new members vs previous", COUNT,  # issue 23: the definition of a year-to-date 环比
                          "与上一报表日期相比的增加数；年内首期报表（上一期在上年）为本年累计数本身。",
                          "The change since the previous report date; at a year's first report (the previous one "
                          "in the year before) the year-to-date value itself."),
    "新发展会员数同比": Column("new members year on year", COUNT),
    "编号": Column("id", COUNT),
    "时间": Column("time", TEXT),
    "操作人": Column("by", TEXT),
    "数据类型": Column("kind", TEXT),
    "SHA-256": Column("sha256", TEXT),
    "行数": Column("rows", COUNT),
    "结果": Column("result", TEXT),
    "说明": Column("detail", TEXT),
    "合计": Column("total", COUNT),
    "双过半": Column("half by mid-year", TEXT,
           "6月及以后的快照：新建会单位数与新发展会员数均完成年度目标的50%以上，即“时间过半、任务过半”。",
           "From June: new unions and new members both at 50% of the year's target or more."),
    "楼宇工会联合会数": Column("building federations", COUNT, "成立日期不晚于快照日期的楼宇工会联合会数。",
           "Building federations founded by the snapshot date."),
    "排名": Column("rank", COUNT),
    # issue 22/28: `user list`
    "用户名": Column("user"),
    "角色": Column("role"),
    "登录锁定": Column("sign-in lock"),
    # issue 27
    "范围": Column("scope", TEXT, "目标针对的单位范围：行业类别、两新组织（新经济组织、新社会组织）、"
           "世界500强或商务楼宇（填有楼宇名称的单位）。",
           "The part of the units a target is about: an industry, a two-new group, Fortune 500 or 商务楼宇 (units in a building)."),
}

# Cell values shown in English in the English interface (the names of towns, units and industries stay as
# they are).
VALUES: dict[str, str] = {"合计": "Total", "达标": "on track", "预警": "warning", "滞后": "lagging", "按时": "on time",
                          "逾期": "late", "未报送": "not reported", "待报": "not yet due", "世界500强": "Fortune 500",
                          "非世界500强": "other", "已导入": "imported", "已拒绝": "refused", "已回退": "rollback",
                          "已设置": "setting", "已成立": "established", "未成立": "none"}

# ------------------------------------------------------------------ issue 25: 审核, 说明, 催报
REVIEW_WORDS: dict[str, tuple[str, str]] = {
    "bad_review_setting": ("审核开关只能为 on 或 off（收到「{value}」）", 'review must be on or off (got "{value}")'),
    "review_admin_only": ("只有管理员可以审核报表", "only a 管理员 may review reports"),
    "review_own_report": ("街镇账户（{town}）不能审核报表，包括本镇的报表；审核由区总工会管理员进行",
                          "a 街镇 account ({town}) may not decide on reports, its own included: the district's 管理员 does"),
    "review_reason_required": ("退回报表必须填写退回原因（街镇将看到该原因）", "returning a report requires a reason (the town sees it)"),
    "review_text_long": ("内容过长（最多 {n} 字）", "too long (at most {n} characters)"),
    "review_unknown": ("没有编号为 {id} 的报表", "there is no report #{id}"),
    "review_replaced": ("报表 #{id} 已被之后报送的报表替换，不能再审核或说明", "report #{id} was replaced by a later report"),
    "review_decided": ("报表 #{id} 已于 {at} 由 {by} 审核（{state}），不能再次审核",
                       "report #{id} was already decided ({state}) by {by} at {at}"),
    "review_decided_now": ("报表 #{id} 刚刚已由他人审核，请刷新后查看", "report #{id} was just decided by someone else; reload to see it"),
    "review_accepted_detail": ("通过报表 #{id}（{town} {date}）", "accepted report #{id} ({town} {date})"),
    "review_returned_detail": ("退回报表 #{id}（{town} {date}）：{reason}", "returned report #{id} ({town} {date}): {reason}"),
    "explain_nothing": ("没有要保存的说明", "no explanation to save"),
    "explain_other_town": ("报表 #{id} 不是{town}的报表：街镇账户只能说明本镇报表的核对项",
                           "report #{id} is not {town}'s: a 街镇 account explains its own town's findings only"),
    "explain_unknown_finding": ("未知核对项「{finding}」，应为：{allowed}", 'unknown finding "{finding}"; expected one of: {allowed}'),
    "explain_no_finding": ("报表 #{id} 没有单位 {code} 的「{finding}」核对项", "report #{id} has no finding {finding} for unit {code}"),
    "explain_empty": ("单位 {code} 的「{finding}」说明为空", "the explanation of {finding} for unit {code} is empty"),
    "explain_detail": ("说明报表 #{id}（{town}）的 {n} 个核对项", "explained {n} finding(s) of report #{id} ({town})"),
    "rollback_decision_gone": ("第 {id} 条审核决定所审核的报表已被之后报送的报表替换，无法回退",
                               "the report decided by #{id} was replaced since: that decision cannot be undone"),
    "rollback_decision_detail": ("撤销审核决定 #{id}：报表 #{report}（{town} {date}）恢复为待审核",
                                 "undid decision #{id}: report #{report} ({town} {date}) waits for review again"),
    # command line
    "cli_review_line": ("REPORT {id}  {date}  {town}  报送 {received}  {units:,} 行  核对项 {open}/{all}（待说明/全部）",
                        "REPORT {id}  {date}  {town}  received {received}  {units:,} rows  findings {open}/{all} (unexplained/all)"),
    "cli_review_none": ("没有待审核的报表", "no report is waiting for review"),
    "cli_review_accepted": ("已通过报表 #{id}（{town} {date}），已计入统计（#{decision}）",
                            "accepted report #{id} ({town} {date}); it counts from now on (#{decision})"),
    "cli_review_returned": ("已退回报表 #{id}（{town} {date}）（#{decision}）", "returned report #{id} ({town} {date}) (#{decision})"),
    "cli_review_usage": ("用法：review [--town T] | review accept REPORT | review return REPORT --reason TEXT",
                         "usage: review [--town T] | review accept REPORT | review return REPORT --reason TEXT"),
    "cli_explained": ("已记录说明（#{id}）", "explanation recorded (#{id})"),
    "cli_pending": ("报表待审核：审核通过前不计入统计（review accept REPORT）",
                    "the reports wait for review: they count once accepted (review accept REPORT)"),
    "cli_pending_reports": ("  待审核报表：{reports}", "  reports waiting: {reports}"),
    "cli_review_off": ("审核已关闭：报表到达即计入，--pending 不起作用",
                       "review is off: reports count on arrival; --pending has no effect"),
    # the 审核 page
    "page_review": ("报表审核", "Review"),
    "rv_intro": ("街镇上传的报表经区总工会审核通过后才计入各项数字；待审核、已退回的报表不计入，该街镇沿用此前已通过的报表。"
                 "退回须填写原因，街镇在「数据管理」中看到原因并重新上传。",
                 "A town's upload counts once the district accepts it; a report waiting or returned counts in no figure "
                 "(the town's accepted report is carried forward). A return needs a reason, which the town sees on 数据管理."),
    "rv_admin_only": ("只有管理员可以审核报表；街镇账户在「数据管理」中查看本镇报表的审核状态。",
                      "Only a 管理员 reviews reports; a town account follows its own reports on 数据管理."),
    "rv_none": ("当前没有待审核的报表。", "No report is waiting for review."),
    "rv_waiting": ("待审核报表 {n} 份（按报送时间先后）", "{n} report(s) waiting, oldest first"),
    "rv_head": ("#{id} · {town} · {date} 报表", "#{id} · {town} · report of {date}"),
    "rv_received": ("{at} 由 {by} 报送，文件 {file}", "received {at} from {by}, file {file}"),
    "rv_units": ("单位数", "units"),
    "rv_prev": ("上期已通过报表（{date}）", "previous accepted report ({date})"),
    "rv_first": ("首次报送", "first report"),
    "rv_replaces": ("将替换同期已通过报表（{units:,} 家）", "replaces the accepted report of that date ({units:,} units)"),
    "rv_change": ("较上期变化", "change"),
    "rv_notes": ("读取提示与警告（{n} 条）", "reading notices and warnings ({n})"),
    "rv_no_notes": ("读取该文件时没有提示或警告。", "Reading the file gave no notice or warning."),
    "rv_findings": ("名册核对：{n} 项，其中待说明 {open} 项", "roster check: {n} finding(s), {open} unexplained"),
    "rv_no_findings": ("名册核对未发现问题。", "The roster check finds nothing."),
    "rv_download": ("下载该报表（CSV）", "download the report (CSV)"),
    "rv_reason": ("退回原因（退回时必填，街镇可见）", "reason (required to return; the town sees it)"),
    "rv_accept": ("通过", "Accept"),
    "rv_return": ("退回", "Return"),
    "rv_accepted": ("已通过报表 #{id}（{town} {date}），已计入统计", "accepted report #{id} ({town} {date}); it counts now"),
    "rv_returned": ("已退回报表 #{id}（{town} {date}）", "returned report #{id} ({town} {date})"),
    "rv_switch": ("审核开关", "review"),
    "rv_switch_help": ("开启时，街镇账户上传的报表须经审核通过才计入；关闭时报表到达即计入（记入导入记录）。",
                       "On: a town's upload counts once accepted; off: every report counts on arrival (recorded in the history)."),
    "rv_is_off": ("审核已关闭：新报表到达即计入。", "Review is off: new reports count on arrival."),
    # 数据管理 for a town
    "dm_submit": ("提交审核", "Submit for review"),
    "dm_submitted": ("已提交报表 {ids}，待区总工会审核；审核通过前不计入统计", "submitted {ids}; it counts once the district accepts it"),
    "dm_waiting": ("{n} 份街镇报表待审核，请到「{page}」页处理。", "{n} town report(s) wait on {page}."),
    "dm_my_reports": ("本镇报表及审核状态", "Our reports and their review"),
    "dm_no_reports": ("本镇尚未报送报表。", "No report sent yet."),
    "dm_returned": ("报表 #{id}（{date}）已被退回：{reason}（{by}，{at}）。请修改后重新上传，新报表将替换被退回的报表。",
                    "report #{id} ({date}) was returned: {reason} ({by}, {at}). Correct it and upload again: the new report replaces it."),
    "dm_explain_head": ("名册核对项说明", "Explaining the roster check's findings"),
    "dm_explain_pick": ("报表", "report"),
    "dm_explain_option": ("#{id} · {date} · {state}", "#{id} · {date} · {state}"),
    "dm_explain_box": ("{finding} · {name}（{code}）", "{finding} · {name} ({code})"),
    "dm_explain_save": ("保存说明", "Save explanations"),
    "dm_explain_more": ("共 {n} 项，先列出待说明的前 {shown} 项；保存后列出其余各项。",
                        "{n} findings: the first {shown} unexplained are listed; saving them lists the next."),
    "dm_explain_saved": ("已保存 {n} 条说明", "{n} explanation(s) saved"),
    "dm_explain_none": ("该报表名册核对未发现问题，无需说明。", "The roster check finds nothing in this report."),
    "dm_explain_preview": ("可在提交前逐项填写说明，随报表一并提交（如「该企业2015年5月注销，已补报关闭动态」）。",
                           "You may explain each finding before submitting; the explanations go with the report."),
    # 报送进度
    "sub_review": ("待审核 {pending} 份，已退回 {returned} 份", "{pending} waiting for review, {returned} returned"),
    "sub_reminder": ("催报通知", "Reminder"),
    "sub_reminder_help": ("未报送或报表被退回的街镇，可复制到工作群或通知中。",
                          "For the towns not reported or returned: copy it to the group chat or a letter."),
    "sub_reminder_none": ("没有需要催报的街镇。", "No town needs a reminder."),
    "sub_reminder_download": ("下载催报通知", "download the reminder"),
    "rem_greeting": ("各街镇总工会：", "To the towns' trade union federations:"),
    "rem_missing": ("{month}单位名册报送截止日期为{due}，{towns}尚未报送，请尽快报送。",
                    "The units roster of {month} was due on {due}; not yet received from {towns}. Please send it."),
    "rem_returned": ("{town}{month}单位名册已被退回（原因：{reason}），请修改后重新报送。",
                     "{town}'s roster of {month} was returned ({reason}): please correct it and send it again."),
    "rem_sign": ("区总工会 {date}", "District federation of trade unions, {date}"),
    "rem_month": ("{year}年{month}月", "{year}-{month:02d}"),
    # 名册核对
    "rep_returned": ("；{towns}报表已退回", "; returned: {towns}"),
    "rep_waiting": ("；{towns}报表待审核", "; waiting for review: {towns}"),
}
_twice = WORDS.keys() & REVIEW_WORDS.keys()
if _twice:
    raise KeyError(f"catalog keys in two tables: {sorted(_twice)}")
WORDS.update(REVIEW_WORDS)
COLUMNS.update({
    "审核状态": Column("review", TEXT,
           "待审核：街镇上传、等待区总工会审核，不计入统计；已退回：区总工会退回并写明原因，不计入统计；已通过：审核通过"
           "（命令行或管理员导入的报表直接通过），计入统计。空：未收到报表。",
           "待审核: uploaded by the town, waiting for the district, counted in no figure; 已退回: returned with a reason, "
           "not counted; 已通过: accepted (command-line and 管理员 imports at once), counted. Empty: no report."),
    "退回原因": Column("reason returned", TEXT),
    "审核人": Column("decided by", TEXT),
    "审核时间": Column("decided at", TEXT),
    "首次报送时间": Column("first received", TEXT, "该报表日期该街镇首次报送的时间；按时、逾期据此判定，更正重报不改变。",
           "When the town's first report of that date arrived: 按时/逾期 is judged by it, a correction does not change it."),
    "报表编号": Column("report", TEXT, "报表的编号（REPORT），审核与说明时使用。", "The report's id (REPORT), used to review and explain."),
    "说明状态": Column("explained", TEXT, "已说明：街镇已对该核对项作出说明；待说明：尚无说明。",
           "已说明: the town explained the finding; 待说明: no explanation yet."),
    "说明": Column("explanation", TEXT, "街镇对该核对项的说明。", "The town's explanation of the finding."),
    "待说明": Column("unexplained", COUNT, "街镇尚未说明的核对项数。", "Findings the town has not explained yet."),
    "已说明": Column("explained", COUNT, "街镇已作出说明的核对项数。", "Findings the town has explained."),
})
VALUES.update({"待审核": "pending review", "已退回": "returned", "已通过": "accepted", "审核通过": "accepted",
               "审核退回": "returned", "待说明": "unexplained", "已说明": "explained"})
# issue 24: the columns and values of area-progress and area-status
COLUMNS.update({
    "区下达新建会单位数目标": Column("district's new unions target", COUNT,
                          "合计行：区下达给该街镇的新建会单位数目标（新建会单位数目标为各村居园区目标之和）。",
                          "Total row: the new unions target the district gave the town (the target column sums the areas')."),
    "新建会单位数目标差额": Column("new unions target difference", COUNT,
                         "合计行：各村居园区新建会单位数目标之和 − 区下达目标（正数：街镇下达的多于区下达的）。",
                         "Total row: the areas' targets minus the district's (positive: the town gave more)."),
    "区下达新发展会员数目标": Column("district's new members target", COUNT,
                          "合计行：区下达给该街镇的新发展会员数目标（新发展会员数目标为各村居园区目标之和）。",
                          "Total row: the new members target the district gave the town (the target column sums the areas')."),
    "新发展会员数目标差额": Column("new members target difference", COUNT,
                         "合计行：各村居园区新发展会员数目标之和 − 区下达目标。",
                         "Total row: the areas' targets minus the district's."),
    "村居园区数": Column("areas", COUNT, "该街镇报表在用名册中出现的村居园区，加上有目标的村居园区（不含未填村居园区）。",
                    "Areas named by the town's report in force, and areas with a target (units without an area not counted)."),
    "有目标村居园区数": Column("areas with a target", COUNT, "有新建会单位数、新发展会员数或工会联合会数目标的村居园区数。",
                       "Areas with a count target."),
    "达标": Column("on track", COUNT, "进度状态为“达标”的村居园区数。", "Areas on track."),
    "预警": Column("warning", COUNT, "进度状态为“预警”的村居园区数。", "Areas in warning."),
    "滞后": Column("lagging", COUNT, "进度状态为“滞后”的村居园区数。", "Areas lagging."),
    "无目标": Column("no target", COUNT, "没有计数目标的村居园区数。", "Areas without a count target."),
})
VALUES["未填村居园区"] = "no area given"

# issue 22: cell values the SQL composes around a date or a count, in English (regular expression → replacement),
# and the 名册核对 values; the English interface shows no Chinese but the data's own names.
VALUES.update({"已核对": "checked", "首次报送，无上期报表可比": "first report, nothing to compare with"})
VALUES.update({f: COLUMNS[f].en for f in ("单位消失未报动态", "新增单位未报动态", "工会断线", "会员锐减", "街镇变更未报")})
VALUE_PATTERNS: dict[str, str] = {
    r"^(\d{4}-\d{2}-\d{2}) 报表$": r"report of \1",
    r"^沿用 (\d{4}-\d{2}-\d{2}) 报送数据，本期无新报表$": r"carried forward from \1: no new report",
    r"^沿用 (\d{4}-\d{2}-\d{2}) 报送数据$": r"carried forward from \1",
    r"^(\d+) 个街镇已核对$": r"\1 towns checked",
}

ALL = "全部"  # the industry filter's "all" (its value in the URL)


def _pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or the English of a pair: the one place a language code is compared."""
    return pair[1] if lang == "en" else pair[0]


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Chinese or the English of a (zh, en) pair that is not a catalog word — a kind's name (商务楼宇 /
    buildings), its instructions sheet (issue 26)."""
    return _pick(pair, lang)


def msg(key: str, lang: str = "zh", **params: object) -> str:
    """The word or message `key` in `lang` ('zh' or 'en'), formatted with params."""
    return _pick(WORDS[key], lang).format(**params)


def column(name: str) -> Column:
    """The record of a column (an unknown column: its own name in both languages, shown as its type says)."""
    return COLUMNS.get(name) or Column(name)


def label(name: str, lang: str = "zh") -> str:
    """A column's name in the user's language (the Chinese name is the canonical one)."""
    return _pick((name, column(name).en), lang)


def definition(name: str, lang: str = "zh") -> str | None:
    """The definition (口径) of an indicator or column, if it has one."""
    record = column(name)
    if record.define_zh is None:
        return None
    return _pick((record.define_zh, record.define_en or record.define_zh), lang)


def canonical(lang: str) -> bool:
    """Whether `lang` shows the canonical (Chinese) names and values, so a table needs no translating."""
    return _pick(("zh", ""), lang) == "zh"


def value(cell: str, lang: str = "zh") -> str:
    """A cell value (合计, 达标, 按时 …) in the user's language."""
    return _pick((cell, VALUES.get(cell, cell)), lang)


def kind_label(key: str, zh: str, lang: str = "zh") -> str:
    """An import kind's name in the user's language (its Chinese name `zh` for a kind the catalog does not list)."""
    pair = WORDS.get(f"kind_{key}")
    return _pick(pair, lang) if pair else zh


def join(items: list[str], lang: str = "zh") -> str:
    """Names listed in the user's language: 安亭镇、马陆镇 / 安亭镇, 马陆镇."""
    return msg("list_sep", lang).join(items)


def long_date(day: dt.date, lang: str = "zh") -> str:
    """A date in words: 2015年6月30日 / 2015-06-30."""
    return msg("date_long", lang, year=day.year, month=day.month, day=day.day, iso=day.isoformat())
