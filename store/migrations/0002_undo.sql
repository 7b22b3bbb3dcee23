-- 0002: undo and redo through the audit log. Every write transaction's audit
-- rows share a batch number (one user action: a typed value, a pasted block):
-- the id of its first row. undone marks the batches that undo has reverted,
-- so undo and redo survive a restart and leave a trail. No index on batch:
-- every save writes an audit row, and undo is rare enough to scan.
ALTER TABLE audit ADD COLUMN batch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;
