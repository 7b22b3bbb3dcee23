-- 0008: what the documents (the bulletin, the annual bulletin, the meeting
-- kit) say of a unit: the name documents use (公文用名; Qingdao's published
-- bulletins write 黄岛区 for 西海岸新区), and who attends the review
-- meeting for it with their post (出席人, 职务), printed on its placard.
-- '' = none: the unit's name, no line under the placard.
ALTER TABLE units ADD COLUMN doc_name TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN attendee TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN post TEXT NOT NULL DEFAULT '';

-- The default database's 西海岸新区 (alias 黄岛区) gets the 公文用名 a new
-- default database gives it.
UPDATE units SET doc_name = '黄岛区'
WHERE name = '西海岸新区' AND id IN (SELECT unit_id FROM unit_aliases WHERE alias = '黄岛区');

-- The bulletin cites the year's 考核办法 by its published name: a stored old
-- default becomes the new one, which the bulletin cites with the quarter's
-- year (model.Rules.MethodName: 2023年度经济运行及重点工作季度“摘星夺旗”考核办法).
UPDATE quarters SET rules = json_set(rules, '$.method', '经济运行及重点工作季度“摘星夺旗”考核办法')
WHERE json_valid(rules) AND json_extract(rules, '$.method') = '全市经济运行及重点工作“摘星夺旗”考核办法';
