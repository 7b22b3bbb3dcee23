-- 0007: 约谈 records. For a warned unit in a quarter, the office records
-- that the talk was held: the date (YYYY-MM-DD) and a note. A record
-- changes no result, so it may be written in a locked quarter (the talk
-- follows the publication).
CREATE TABLE talks (
	quarter TEXT NOT NULL REFERENCES quarters (quarter),
	unit_id INTEGER NOT NULL REFERENCES units (id),
	date    TEXT NOT NULL,
	note    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (quarter, unit_id)
) STRICT, WITHOUT ROWID;
