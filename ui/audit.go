package ui

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// auditScreen is the audit log of the shown quarter (a): who changed which
// value when, newest first, read from the store's audit rows. It follows
// every save, here or in another window.
type auditScreen struct {
	*common
	width, height int

	changes []model.Change
	of      model.Quarter // the quarter changes belong to
	ready   bool
	top     int // first shown row
}

// auditLimit bounds the rows read: the latest changes are what is asked.
const auditLimit = 2000

type changesMsg struct {
	quarter model.Quarter
	changes []model.Change
	err     error
}

// open shows the shown quarter's changes.
func (s *auditScreen) open() tea.Cmd {
	s.mode = modeAudit
	s.top, s.ready = 0, false
	return s.read()
}

func (s *auditScreen) read() tea.Cmd {
	q, d := s.quarter, s.data
	return func() tea.Msg {
		cs, err := d.Changes(context.Background(), q, auditLimit)
		return changesMsg{q, cs, err}
	}
}

// SetSize sets the screen's area: below the title bar, above the status
// and key lines.
func (s *auditScreen) SetSize(w, h int) { s.width, s.height = w, h }

func (s *auditScreen) withTabs() bool { return false }

// Update takes the screen's keys and what it read.
func (s *auditScreen) Update(msg tea.Msg) tea.Cmd {
	k := s.keys
	switch msg := msg.(type) {
	case changesMsg:
		if msg.err != nil {
			return s.setError("读取修改记录失败：" + s.errText(msg.err))
		}
		if msg.quarter == s.quarter {
			s.changes, s.of, s.ready = msg.changes, msg.quarter, true
			s.scroll(0)
		}
	case dataChangedMsg:
		if s.mode == modeAudit {
			return s.read()
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Close):
			s.mode = modeBoard
		case key.Matches(msg, k.Quit):
			return tea.Quit
		case key.Matches(msg, k.Up):
			s.scroll(-1)
		case key.Matches(msg, k.Down):
			s.scroll(1)
		case key.Matches(msg, k.PageUp):
			s.scroll(-s.rows())
		case key.Matches(msg, k.PageDown):
			s.scroll(s.rows())
		}
	}
	return nil
}

// rows is how many changes fit under the heading and column titles.
func (s *auditScreen) rows() int { return max(s.height-2, 1) }

func (s *auditScreen) scroll(n int) {
	s.top = min(max(s.top+n, 0), max(len(s.changes)-s.rows(), 0))
}

// ShortHelp is the screen's key line.
func (s *auditScreen) ShortHelp() []key.Binding {
	k := s.keys
	return []key.Binding{group("上下键", "滚动", k.Up, k.Down), k.PageUp, k.PageDown, hint(k.Close, "返回"), k.Quit}
}

// FullHelp is the key line's keys.
func (s *auditScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// View draws the heading, the column titles and the visible changes.
func (s *auditScreen) View() []string {
	w := s.width
	head := " 修改记录 " + s.quarter.String()
	switch {
	case !s.ready || s.of != s.quarter:
		return []string{s.styles.Head.Render(padRight(head, w)), s.styles.Muted.Render("  正在读取")}
	case len(s.changes) == 0:
		return []string{s.styles.Head.Render(padRight(head, w)), "  " + s.quarter.String() + " 还没有改动记录。"}
	}
	count := "（最新的在上，共 " + strconv.Itoa(len(s.changes)) + " 条"
	if len(s.changes) == auditLimit {
		count += "，只列最近的 " + strconv.Itoa(auditLimit) + " 条"
	}
	lines := []string{s.styles.Head.Render(padRight(head+count+"）", w))}
	whoW, valW := 8, 0
	for _, c := range s.changes {
		whoW = max(whoW, min(s.textW(whoLabel(c.Source)), 24))
		valW = max(valW, s.textW(changeText(c)))
	}
	// the values stay whole: a long 修改人 gives way first
	whoW = max(min(whoW, w-(16+10+14+min(valW, 30))-5), 8)
	cols := []column{{"时间", 16, false}, {"修改人", whoW, false}, {"区市", 10, false}, {"项目", 14, false}}
	used := tableWidth(cols, 1) + 1
	cols = append(cols, column{"原值 → 新值", max(w-used, 8), false})
	lines = append(lines, tableHead(cols, s.styles.Head))
	for i := s.top; i < min(s.top+s.rows(), len(s.changes)); i++ {
		c := s.changes[i]
		lines = append(lines, tableRow(cols, []cell{plainCell(c.At.Local().Format("2006-01-02 15:04")),
			plainCell(whoLabel(c.Source)), plainCell(c.Unit), plainCell(changeField(c)), plainCell(changeText(c))}))
	}
	return lines
}

// actionNames word the audit log's actions other than a value's change.
var actionNames = map[string]string{
	"lock": "定稿", "unlock": "解除定稿", "set_rules": "规则", "create_quarter": "新建季度",
	"delete_quarter": "删除季度", "create_section": "新增板块", "update_section": "修改板块",
	"delete_section": "删除板块", "set_adjustment": "加减分项", "commendation": "表扬",
	"create_unit": "新增区市", "update_unit": "修改区市",
}

// changeField is what changed: the section or adjustment of a value, else
// the action and its field.
func changeField(c model.Change) string {
	name, ok := actionNames[c.Action]
	if !ok || c.Field == name {
		return c.Field
	}
	return name + "：" + c.Field
}

// changeText is the old and the new value; rules are JSON, too long to
// read here, so they are only said to have changed.
func changeText(c model.Change) string {
	if c.Action == "set_rules" {
		return "已修改"
	}
	old, nw := c.Old, c.New
	if old == "" {
		old = "（空）"
	}
	if nw == "" {
		nw = "（空）"
	}
	return old + " → " + nw
}

// whoLabel says who made a change from its audit source: this computer's
// dashboard, the command line, an import file, or a person over SSH
// (starflag serve writes ssh:NAME:ROLE, and ssh:NAME:ROLE:undo for an undo).
func whoLabel(src string) string {
	switch src {
	case "entry":
		return "本机录入"
	case "setup":
		return "本机设置"
	case "cli":
		return "命令行"
	case "demo":
		return "演示数据"
	case "undo":
		return "本机撤销"
	case "redo":
		return "本机重做"
	}
	if file, ok := strings.CutPrefix(src, "import:"); ok {
		return "导入 " + file
	}
	if rest, ok := strings.CutPrefix(src, "ssh:"); ok {
		parts := strings.Split(rest, ":")
		label := parts[0]
		if len(parts) > 1 {
			if role, ok := roleNames[parts[1]]; ok {
				label += "（" + role + "）"
			}
		}
		if len(parts) > 2 {
			label += map[string]string{"undo": "撤销", "redo": "重做"}[parts[2]]
		}
		return label
	}
	return src
}

// roleNames are starflag serve's roles as the screens say them.
var roleNames = map[string]string{"viewer": "查看", "reporter": "填报", "editor": "录入", "admin": "管理"}
