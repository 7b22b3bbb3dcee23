-- 0003: key scores by (section, unit) instead of (unit, section). A
-- quarter's scores are read by its sections; keyed by unit first they were
-- spread over every page of the table (one lookup per score through the
-- section index), so each quarter read touched the whole table. Now one
-- quarter's rows lie side by side. The unit index serves the foreign key
-- from units and a unit's history.
CREATE TABLE scores_by_section (
	unit_id    INTEGER NOT NULL REFERENCES units (id),
	section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE RESTRICT,
	value      INTEGER NOT NULL,
	PRIMARY KEY (section_id, unit_id)
) STRICT, WITHOUT ROWID;

INSERT INTO scores_by_section (unit_id, section_id, value)
	SELECT unit_id, section_id, value FROM scores ORDER BY section_id, unit_id;

DROP TABLE scores;

ALTER TABLE scores_by_section RENAME TO scores;

CREATE INDEX scores_unit ON scores (unit_id);
