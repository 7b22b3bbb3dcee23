package model

import (
	"slices"
	"time"
)

// Reporter is a lead department that enters the scores of some sections
// itself (starflag serve's reporter keys: 市发改委 for 经济运行).
type Reporter struct {
	Name     string
	Sections []string // section names
}

// Progress is 报送进度: how far a quarter's scores are in, per section and
// per reporter.
type Progress struct {
	Sections  []SectionProgress // in display order
	Reporters []ReporterProgress
}

// SectionProgress is one section's count of units still without a score.
type SectionProgress struct {
	Section Section
	Missing int
}

// ReporterProgress says whether a reporter's sections are in.
type ReporterProgress struct {
	Name     string
	Sections []string // its sections that the quarter has, in display order
	Missing  int      // scores still missing in them
}

// Done reports whether every one of the reporter's sections is in; a
// reporter none of whose sections the quarter has is not done.
func (p ReporterProgress) Done() bool { return len(p.Sections) > 0 && p.Missing == 0 }

// ProgressOf is r's 报送进度 for the given reporters (nil r: nothing).
func ProgressOf(r *Result, reporters []Reporter) Progress {
	var p Progress
	if r == nil {
		return p
	}
	missing := map[int64]int{}
	for _, m := range r.Missing {
		missing[m.Section.ID]++
	}
	for _, s := range r.Sections {
		p.Sections = append(p.Sections, SectionProgress{s, missing[s.ID]})
	}
	for _, rep := range reporters {
		rp := ReporterProgress{Name: rep.Name}
		for _, s := range r.Sections {
			if slices.Contains(rep.Sections, s.Name) {
				rp.Sections = append(rp.Sections, s.Name)
				rp.Missing += missing[s.ID]
			}
		}
		p.Reporters = append(p.Reporters, rp)
	}
	return p
}

// Complete counts the sections whose every score is in.
func (p Progress) Complete() int {
	n := 0
	for _, s := range p.Sections {
		if s.Missing == 0 {
			n++
		}
	}
	return n
}

// Change is one audited change of a quarter, as the dashboard lists it:
// who changed which value when.
type Change struct {
	At     time.Time
	Action string // score, adjust, lock, set_rules, …
	Unit   string
	Field  string // the section or adjustment, or what else changed
	Old    string // "" for none
	New    string
	Source string // entry, setup, cli, import:FILE, undo, ssh:NAME:ROLE, …
}
