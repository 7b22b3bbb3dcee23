package ui

import (
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// Access is what the person at one dashboard may do. starflag serve sets it
// from the role of the SSH key that came in (the keys file); nil, the local
// dashboard, may do everything. The screens refuse the rest, saying why.
type Access struct {
	Who  string // the key's name: the title bar shows it, refusals name it
	Role string // the role as the screens say it: 查看, 填报, 录入, 管理
	// Entry allows typing and pasting scores (entry); Sections narrows it.
	Entry bool
	// Sections, when not nil, are the only sections whose scores may be
	// typed or pasted (a reporter: a lead department); every other cell,
	// the adjustment included, is read-only.
	Sections []string
	// Setup allows setup (units, sections, rules, seating, lock and
	// unlock) and creating or deleting quarters.
	Setup bool
}

// ChangedMsg tells a dashboard that another dashboard of this process
// committed a change (starflag serve broadcasts it after every save): it
// reloads at once, as it does when the data_version poll sees another
// process's commit.
type ChangedMsg struct{}

// whoRole is the person and role as the screens say them: 市发改委（填报）.
func (a *Access) whoRole() string { return a.Who + "（" + a.Role + "）" }

// refuse puts a refusal for lack of rights on the status line.
func (c *common) refuse(why string) tea.Cmd { return c.setError("没有权限：" + why) }

// entryDenied says why entry is closed to this dashboard, "" when open.
func (c *common) entryDenied() string {
	if a := c.opts.Access; a != nil && !a.Entry {
		return a.whoRole() + "只能查看，不能录入"
	}
	return ""
}

// setupDenied says why what needs setup rights (setup itself, creating or
// deleting a quarter) is closed, "" when open.
func (c *common) setupDenied(what string) string {
	if a := c.opts.Access; a != nil && !a.Setup {
		return what + "需要管理权限，" + a.whoRole() + "没有"
	}
	return ""
}

// sectionDenied says why the scores of the section named name (the
// adjustment when !section) are read-only here, "" when they may be typed.
func (c *common) sectionDenied(name string, section bool) string {
	a := c.opts.Access
	switch {
	case a == nil:
		return ""
	case !a.Entry:
		return c.entryDenied()
	case a.Sections == nil || (section && slices.Contains(a.Sections, name)):
		return ""
	}
	return a.whoRole() + "只能录入 " + strings.Join(a.Sections, "、") + " 的得分，" + name + " 只读"
}

// pasteDenied names the cells of a pasted block outside this dashboard's
// sections, "" when it may save them all.
func (c *common) pasteDenied(plan model.ImportPlan) string {
	a := c.opts.Access
	if a == nil || a.Sections == nil {
		return ""
	}
	var cells []string
	for _, cell := range plan.Cells {
		if cell.Section == "" || !slices.Contains(a.Sections, cell.Section) {
			name := cell.Section
			if name == "" {
				name = "加减分"
			}
			cells = append(cells, cell.Unit+"/"+name)
		}
	}
	if len(cells) == 0 {
		return ""
	}
	list := strings.Join(cells[:min(len(cells), 4)], "、")
	if len(cells) > 4 {
		list += " 等共 " + strconv.Itoa(len(cells)) + " 格"
	}
	return "这块粘贴涉及其他板块的格：" + list + "（" + a.whoRole() + "只能录入 " + strings.Join(a.Sections, "、") + "）"
}

// progress is 报送进度 of the shown quarter for the reporters the options
// name (starflag serve: the keys file's reporters).
func (c *common) progress() model.Progress {
	return model.ProgressOf(c.current(), c.opts.Reporters)
}

// progressText says 报送进度 in w cells: every section and reporter when
// it fits, else counts.
func (c *common) progressText(w int) string {
	p := c.progress()
	if len(p.Sections) == 0 {
		return ""
	}
	var secs, reps []string
	for _, s := range p.Sections {
		if s.Missing == 0 {
			secs = append(secs, s.Section.Name+" 已齐")
		} else {
			secs = append(secs, s.Section.Name+" 缺 "+strconv.Itoa(s.Missing))
		}
	}
	done := 0
	for _, r := range p.Reporters {
		switch {
		case r.Done():
			done++
			reps = append(reps, r.Name+" 已报齐")
		case len(r.Sections) == 0:
			reps = append(reps, r.Name+" 本季度无其板块")
		default:
			reps = append(reps, r.Name+" 未报齐（缺 "+strconv.Itoa(r.Missing)+"）")
		}
	}
	long := "报送进度：" + strings.Join(secs, "，")
	short := "报送进度：板块 " + strconv.Itoa(p.Complete()) + "/" + strconv.Itoa(len(p.Sections)) + " 已齐"
	if len(reps) > 0 {
		long += "；" + strings.Join(reps, "，")
		short += "；报送单位 " + strconv.Itoa(done) + "/" + strconv.Itoa(len(reps)) + " 已报齐"
	}
	return fit(w, long, short)
}
