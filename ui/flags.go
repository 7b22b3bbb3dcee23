package ui

// flagsBody is a placeholder for the 夺旗 page.
func (a *App) flagsBody(w, h int) body { return body{rows: []string{"夺旗"}} }
