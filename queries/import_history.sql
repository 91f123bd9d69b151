-- import_history.sql — what was imported, when, from which file, and was it accepted?
-- Parameters: none
-- Columns: 编号, 时间, 操作人, 数据类型, 文件名, SHA-256, 行数, 结果, 说明
SELECT id AS "编号", imported_at AS "时间", imported_by AS "操作人", kind AS "数据类型", file_name AS "文件名",
       sha256 AS "SHA-256", rows AS "行数",
       CASE result WHEN 'imported' THEN '已导入' WHEN 'rollback' THEN '已回退' WHEN 'setting' THEN '已设置'
            -- issue 25: decisions on reports and the towns' explanations
            WHEN 'accepted' THEN '审核通过' WHEN 'returned' THEN '审核退回' WHEN 'explained' THEN '已说明' ELSE '已拒绝' END AS "结果",
       detail AS "说明"
FROM imports
ORDER BY id DESC;
