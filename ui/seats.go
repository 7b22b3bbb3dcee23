package ui

// seatsBody is a placeholder for the 座次 page.
func (a *App) seatsBody(w, h int) body { return body{rows: []string{"座次"}} }
