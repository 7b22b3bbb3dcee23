-- 0004: which session made each change. A session is one open of the
-- database (one dashboard, one command), a random number; undo and redo
-- take back only the batches of their own session, so one window's Ctrl+Z
-- never reverts another's value. Rows written before have 0, no session:
-- they stay in the log and are never undone. undone: 0 live, 1 undone,
-- 2 skipped (undo or redo refused because someone else changed a cell
-- since: the step is dropped so that the next one can proceed).
ALTER TABLE audit ADD COLUMN session INTEGER NOT NULL DEFAULT 0;
