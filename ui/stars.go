package ui

// starsBody is a placeholder for the 评星 page.
func (a *App) starsBody(w, h int) body { return body{rows: []string{"评星"}} }
