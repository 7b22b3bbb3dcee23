-- 0001: the first schema. Applied migrations are never edited; add 0002_….sql instead.
-- Quarters are stored as text such as '2023Q1' (four-digit years sort correctly as text),
-- scores, maxima and adjustments as integer hundredths, weights as integer ten-thousandths.

CREATE TABLE units (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	short   TEXT NOT NULL DEFAULT '',
	ord     INTEGER NOT NULL,
	from_q  TEXT NOT NULL DEFAULT '',
	until_q TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE unit_aliases (
	unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
	alias   TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX unit_aliases_unit ON unit_aliases (unit_id);

CREATE TABLE quarters (
	quarter         TEXT PRIMARY KEY,
	locked          INTEGER NOT NULL DEFAULT 0,
	adjustment_name TEXT NOT NULL,
	adjustment_min  INTEGER NOT NULL,
	adjustment_max  INTEGER NOT NULL,
	rules           TEXT NOT NULL, -- model.Rules as JSON
	created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE sections (
	id      INTEGER PRIMARY KEY,
	quarter TEXT NOT NULL REFERENCES quarters (quarter),
	name    TEXT NOT NULL,
	weight  INTEGER NOT NULL,
	max     INTEGER NOT NULL,
	ord     INTEGER NOT NULL,
	UNIQUE (quarter, name)
) STRICT;

CREATE TABLE scores (
	unit_id    INTEGER NOT NULL REFERENCES units (id),
	section_id INTEGER NOT NULL REFERENCES sections (id) ON DELETE RESTRICT,
	value      INTEGER NOT NULL,
	PRIMARY KEY (unit_id, section_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX scores_section ON scores (section_id);

CREATE TABLE adjustments (
	quarter TEXT NOT NULL REFERENCES quarters (quarter),
	unit_id INTEGER NOT NULL REFERENCES units (id),
	value   INTEGER NOT NULL,
	PRIMARY KEY (quarter, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE commendations (
	quarter TEXT NOT NULL REFERENCES quarters (quarter),
	unit_id INTEGER NOT NULL REFERENCES units (id),
	text    TEXT NOT NULL,
	PRIMARY KEY (quarter, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE audit (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL, -- RFC 3339, from the store's clock
	action  TEXT NOT NULL,
	quarter TEXT NOT NULL DEFAULT '',
	unit    TEXT NOT NULL DEFAULT '',
	field   TEXT NOT NULL DEFAULT '',
	old     TEXT NOT NULL DEFAULT '',
	new     TEXT NOT NULL DEFAULT '',
	source  TEXT NOT NULL DEFAULT ''
) STRICT;
