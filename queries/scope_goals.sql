-- scope_goals.sql — (issue 27) the vocabulary's rule for targets with a 范围, created after the target views
-- (target_views.sql or its fallback) that it reads, in the same in-memory catalog (unionboard.store._vocabulary).
-- Parameters: none
-- 范围 (METRICS.md, "Targets by industry, 两新组织, 世界500强 and buildings"): the targets a view
-- compares a scope's figures with, one row each, read from scope_targets (target_views.sql). No town picked
-- (`picked` NULL): the 全区 target where there is one, else for a count the towns' targets (a view sums them,
-- the 合计 rule: their completion over the sum of their targets); a rate only from a 全区 row. Towns picked:
-- their own targets (counts), a rate target only with one town picked; never a 全区 row.
CREATE OR REPLACE MACRO scope_goals(target_year, picked) AS TABLE
    SELECT s.town, s.scope, s.indicator, s.target
    FROM scope_targets s
    WHERE s.year = target_year
      AND CASE WHEN picked IS NULL
               THEN s.town = '全区'
                    OR (s.indicator IN ('新建会单位数', '新发展会员数')
                        AND NOT EXISTS (SELECT 1 FROM scope_targets d
                                        WHERE d.year = target_year AND d.town = '全区'
                                          AND d.scope = s.scope AND d.indicator = s.indicator))
               ELSE s.town <> '全区' AND list_contains(picked, s.town)
                    AND (s.indicator IN ('新建会单位数', '新发展会员数') OR len(picked) = 1)
          END;
