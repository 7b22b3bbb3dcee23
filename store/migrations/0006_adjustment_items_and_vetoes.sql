-- 0006: several adjustment items (加减分) per quarter, and 一票否决.
-- A quarter had one adjustment, its name and range in the quarters row and
-- the values in adjustments (quarter, unit). Now each quarter has any number
-- of items (adjustment_items, like sections: a name unique in the quarter,
-- a range whose lower end may be negative, an order), and a value belongs to
-- an item. Each quarter's old adjustment becomes its first item with the
-- same name, range and values, so every composite stays as it was. A quarter
-- whose adjustment had no name (only another program could store that) gets
-- an item named 加减分 when it has values, and no item otherwise (it had no
-- adjustment column).
CREATE TABLE adjustment_items (
	id      INTEGER PRIMARY KEY,
	quarter TEXT NOT NULL REFERENCES quarters (quarter),
	name    TEXT NOT NULL,
	min     INTEGER NOT NULL,
	max     INTEGER NOT NULL,
	ord     INTEGER NOT NULL,
	UNIQUE (quarter, name)
) STRICT;

INSERT INTO adjustment_items (quarter, name, min, max, ord)
	SELECT quarter, CASE WHEN adjustment_name = '' THEN '加减分' ELSE adjustment_name END,
		adjustment_min, adjustment_max, 1
	FROM quarters
	WHERE adjustment_name != '' OR quarter IN (SELECT quarter FROM adjustments)
	ORDER BY quarter;

CREATE TABLE item_values (
	item_id INTEGER NOT NULL REFERENCES adjustment_items (id) ON DELETE RESTRICT,
	unit_id INTEGER NOT NULL REFERENCES units (id),
	value   INTEGER NOT NULL,
	PRIMARY KEY (item_id, unit_id)
) STRICT, WITHOUT ROWID;

INSERT INTO item_values (item_id, unit_id, value)
	SELECT i.id, a.unit_id, a.value FROM adjustments a JOIN adjustment_items i ON i.quarter = a.quarter
	ORDER BY i.id, a.unit_id;

DROP TABLE adjustments;

ALTER TABLE item_values RENAME TO adjustments;

CREATE INDEX adjustments_unit ON adjustments (unit_id);

ALTER TABLE quarters DROP COLUMN adjustment_name;
ALTER TABLE quarters DROP COLUMN adjustment_min;
ALTER TABLE quarters DROP COLUMN adjustment_max;

-- 一票否决: a unit vetoed in a quarter, with the reason. It keeps its
-- composite and rank but holds no flag that quarter, and cannot take the
-- annual top tier (model.Compute, model.AnnualView).
CREATE TABLE vetoes (
	quarter TEXT NOT NULL REFERENCES quarters (quarter),
	unit_id INTEGER NOT NULL REFERENCES units (id),
	reason  TEXT NOT NULL,
	PRIMARY KEY (quarter, unit_id)
) STRICT, WITHOUT ROWID;
