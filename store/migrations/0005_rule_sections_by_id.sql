-- 0005: rules refer to sections by ID. A condition on a section (see
-- model.Condition) held only the section's name in "scope", so renaming the
-- section quietly broke the rule. Each such condition now also holds
-- "section": the ID of the section of that name in the rule's own quarter
-- (each quarter has its own sections). A name that no section of its quarter
-- has (a rule that never held) gets no ID and still never holds. "scope"
-- stays, as the name for wording. Rules that are not valid JSON are left as
-- they are: reading them refuses the quarter with a sentence, as before.
WITH RECURSIVE
	-- Each condition naming a section of its quarter: where it is in the
	-- rules, and the section's ID, numbered 1, 2, … per quarter.
	found (quarter, n, path, id) AS (
		SELECT q.quarter, row_number() OVER (PARTITION BY q.quarter ORDER BY c.id), c.path, s.id
		FROM quarters q
			JOIN json_tree(CASE WHEN json_valid(q.rules) THEN q.rules ELSE '{}' END) c
			JOIN sections s ON s.quarter = q.quarter AND s.name = c.atom
		WHERE c.key = 'scope' AND c.type = 'text'
			AND (c.path GLOB '$.flags[[]*].when[[]*]' OR c.path GLOB '$.warnings[[]*].when[[]*]')
	),
	-- A quarter's rules with the first n of its conditions given their ID.
	step (quarter, n, rules) AS (
		SELECT quarter, 0, rules FROM quarters WHERE quarter IN (SELECT quarter FROM found)
		UNION ALL
		SELECT step.quarter, step.n + 1, json_set(step.rules, found.path || '.section', found.id)
		FROM step JOIN found ON found.quarter = step.quarter AND found.n = step.n + 1
	)
UPDATE quarters
SET rules = (SELECT rules FROM step WHERE step.quarter = quarters.quarter ORDER BY n DESC LIMIT 1)
WHERE quarter IN (SELECT quarter FROM found);
