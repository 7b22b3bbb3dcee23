package ui

// yearBody is a placeholder for the 年度 page.
func (a *App) yearBody(w, h int) body { return body{rows: []string{"年度"}} }
