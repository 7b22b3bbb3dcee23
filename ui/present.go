package ui

// presentView is a placeholder for presentation mode.
func (a *App) presentView(w, h int) string { return "放映" }
