package office

import (
	tea "charm.land/bubbletea/v2"

	"starflag/store"
	"starflag/ui"
)

// Dashboard is the dashboard program on db, drawn with o.Profile. Unless
// o.Export is set, x writes into the folder starflag was started from.
func Dashboard(db *store.DB, o ui.Options, extra ...tea.ProgramOption) *tea.Program {
	if o.Export == nil {
		o.Export = ExportFunc(db, "")
	}
	opts := append([]tea.ProgramOption{tea.WithColorProfile(o.Profile)}, extra...)
	return tea.NewProgram(ui.New(Data{DB: db}, o), opts...)
}
