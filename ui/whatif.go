package ui

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// whatIf is the what-if (假设) of a card's quarter: the user types other
// values for a unit's scores or adjustments (of the card's unit, or of
// another: Left and Right change the unit), and ranks, stars, flags,
// warnings and seats of the whole quarter are computed again with them
// (model.Scenario.With), drawn under a 假设（未保存） banner with what
// changed against the real result highlighted. Nothing is written: the
// values live in this screen and are dropped when it closes.
type whatIf struct {
	*common
	width, height int
	card          *cardScreen // its scenario and real result

	unit    int64 // whose values are listed
	field   int   // the cursor: a section, then an adjustment item
	editing bool
	buf     string
	refused string // why the last typed value was not taken ("" none)
	// refusedAt is the value refused: the refusal stands under it.
	refusedAt model.Assumed
	assumed   []model.Assumed
	result    model.Result // the quarter with the assumed values
	diffs     []model.Difference
	offset    int
	valTop    int // the first value line shown when they do not all fit
	help      bool
}

// start opens the what-if of c's unit, with nothing assumed yet.
func (w *whatIf) start(c *cardScreen) tea.Cmd {
	*w = whatIf{common: w.common, width: w.width, height: w.height, card: c, unit: c.unit}
	w.compute()
	w.mode = modeWhatIf
	return nil
}

func (w *whatIf) open() tea.Cmd {
	w.mode = modeWhatIf
	return nil
}

func (w *whatIf) SetSize(width, h int) { w.width, w.height = width, h }

func (w *whatIf) withTabs() bool { return false }

func (w *whatIf) data() model.QuarterData { return w.card.scen.Data }

// fields is how many values the unit has: sections, then items.
func (w *whatIf) fields() int { return len(w.data().Sections) + len(w.data().Adjustments) }

// at is the cursor's value as an Assumed (without its value).
func (w *whatIf) at() model.Assumed { return w.fieldAt(w.field) }

// fieldAt is the unit's value i as an Assumed.
func (w *whatIf) fieldAt(i int) model.Assumed {
	d := w.data()
	if i < len(d.Sections) {
		return model.Assumed{Unit: w.unit, Section: d.Sections[i].ID}
	}
	return model.Assumed{Unit: w.unit, Item: d.Adjustments[i-len(d.Sections)].ID}
}

// assumedAt is the index of a's cell among the assumed values, or -1.
func (w *whatIf) assumedAt(a model.Assumed) int {
	return slices.IndexFunc(w.assumed, func(b model.Assumed) bool { return sameCell(a, b) })
}

// sameCell reports whether a and b are the same unit's same value.
func sameCell(a, b model.Assumed) bool {
	return a.Unit == b.Unit && a.Section == b.Section && a.Item == b.Item
}

// compute computes the quarter again with the assumed values and what
// changed against the real result. Warnings are left out on both sides
// when the card is on the projector and the rules hide them there.
func (w *whatIf) compute() {
	s, err := w.card.scen.With(w.assumed)
	if err != nil { // the values were checked as typed: this is a bug
		w.refused, w.refusedAt = w.errText(err), w.at()
		return
	}
	real := w.card.real
	w.result = s.Result()
	if w.card.hidesWarnings() {
		real, w.result = real.WithoutWarnings(), w.result.WithoutWarnings()
	}
	w.diffs = model.Differences(&real, &w.result)
	// Ranks, seats and marks first: a changed star alone matters less.
	slices.SortStableFunc(w.diffs, func(a, b model.Difference) int { return b2i(minor(a)) - b2i(minor(b)) })
}

// minor reports whether d changed no rank, seat, composite or mark.
func minor(d model.Difference) bool {
	return d.Rank[0] == d.Rank[1] && d.Seat[0] == d.Seat[1] && !d.Composite && !d.Marks()
}

// Update takes the what-if's keys.
func (w *whatIf) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return w.key(msg)
	case tea.PasteMsg:
		return w.paste(msg.Content)
	case dataChangedMsg: // another window saved: the real values are read again
		return w.card.reload()
	}
	return nil
}

// follow computes again on the card's quarter as just read again (another
// window saved while the what-if was open): the real values are the new
// ones, the assumed values are kept, but for those that no longer apply (a
// section gone, a value out of its new range) or are now the stored ones.
// The cursor stays on its value (cursor, as it was read before), when it
// is still there; a value being typed for one that is gone is dropped.
func (w *whatIf) follow(cursor model.Assumed) tea.Cmd {
	d := w.data()
	before := len(w.assumed)
	w.assumed = slices.DeleteFunc(w.assumed, func(a model.Assumed) bool {
		_, err := w.card.scen.With([]model.Assumed{a})
		v, ok := d.Stored(a)
		return err != nil || ok && v == a.Value
	})
	if w.card.real.Find(w.unit) == nil {
		w.unit = w.card.unit
	}
	at := -1
	for i := range w.fields() {
		if f := w.fieldAt(i); f.Section == cursor.Section && f.Item == cursor.Item {
			at = i
		}
	}
	if at < 0 {
		w.editing, w.buf = false, ""
		at = min(w.field, w.fields()-1)
	}
	w.field = max(at, 0)
	w.compute()
	text := "其他窗口保存了 " + d.Quarter.String() + " 的数据：“实际”已是新的值，假设的值保留"
	if n := before - len(w.assumed); n > 0 {
		text += "（" + strconv.Itoa(n) + " 个已不适用或与实际相同，已去掉）"
	}
	return w.setStatus(text)
}

func (w *whatIf) key(msg tea.KeyPressMsg) tea.Cmd {
	k := w.keys
	if w.help {
		w.help = false
		return nil
	}
	if w.fields() == 0 { // another window deleted every section and item
		w.editing, w.buf = false, ""
		if !key.Matches(msg, k.DropWhatIf, k.Help, k.ForceQuit, k.PageUp, k.PageDown) {
			return nil
		}
	}
	if w.editing {
		switch {
		case key.Matches(msg, k.Assume):
			return w.assume()
		case key.Matches(msg, k.CellUp, k.CellDown): // as in entry: take it and move
			dir := 1
			if key.Matches(msg, k.CellUp) {
				dir = -1
			}
			cmd := w.assume()
			if w.refused == "" {
				w.moveField(dir)
			}
			return cmd
		case key.Matches(msg, k.DropWhatIf):
			w.editing, w.buf = false, ""
		case key.Matches(msg, k.Erase):
			w.buf = eraseLast(w.buf)
		default:
			w.buf += typedText(msg)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Help):
		w.help = true
	case typedText(msg) != "": // typing starts a value, as in entry
		w.editing, w.buf, w.refused = true, typedText(msg), ""
	case key.Matches(msg, k.Assume):
		a := w.at()
		v, ok := w.data().Stored(a)
		if i := w.assumedAt(a); i >= 0 {
			v, ok = w.assumed[i].Value, true
		}
		w.editing, w.buf, w.refused = true, "", ""
		if ok {
			w.buf = v.String()
		}
	case key.Matches(msg, k.Restore):
		if i := w.assumedAt(w.at()); i >= 0 {
			w.assumed = slices.Delete(w.assumed, i, i+1)
			w.refused = ""
			w.compute()
		}
	case key.Matches(msg, k.CellUp):
		w.moveField(-1)
	case key.Matches(msg, k.CellDown):
		w.moveField(1)
	case key.Matches(msg, k.Left):
		w.stepUnit(-1)
	case key.Matches(msg, k.Right):
		w.stepUnit(1)
	case key.Matches(msg, k.PageUp):
		w.offset = max(w.offset-w.height/2, 0)
	case key.Matches(msg, k.PageDown):
		w.offset += w.height / 2
	case key.Matches(msg, k.DropWhatIf):
		cmd := w.setStatus("已放弃假设：什么也没有保存")
		return tea.Batch(cmd, w.show(modeCard))
	case key.Matches(msg, k.ForceQuit): // q is typed text here
		return tea.Quit
	}
	return nil
}

// paste types a pasted value into the cursor's value (one cell copied
// from a spreadsheet, perhaps with its line end); a block of several is
// refused: a what-if changes one value at a time, as is one over
// model.MaxPaste.
func (w *whatIf) paste(text string) tea.Cmd {
	if len(text) > model.MaxPaste {
		return w.setError("粘贴的内容太大（" + strconv.Itoa((len(text)+1023)/1024) + " KB），假设一次只改一个值，没有采用")
	}
	cells := strings.FieldsFunc(strings.Map(model.NarrowRune, text), func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' })
	if len(cells) > 1 {
		return w.setError("假设一次只改一个值：粘贴的内容有 " + strconv.Itoa(len(cells)) + " 个值，没有采用")
	}
	if len(cells) == 1 {
		if !w.editing {
			w.editing, w.buf, w.refused = true, "", ""
		}
		w.buf += strings.TrimSpace(strings.Map(func(r rune) rune { // nothing that would drive the terminal
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, cells[0]))
	}
	return nil
}

// moveField moves the cursor to the previous or next value.
func (w *whatIf) moveField(dir int) { w.field = min(max(w.field+dir, 0), w.fields()-1) }

// stepUnit lists the next or previous unit's values, in the real seat
// order.
func (w *whatIf) stepUnit(dir int) {
	ss := w.card.real.Standings
	i := slices.IndexFunc(ss, func(s model.Standing) bool { return s.Unit.ID == w.unit })
	if i < 0 || len(ss) == 0 {
		return
	}
	w.unit, w.refused = ss[(i+dir+len(ss))%len(ss)].Unit.ID, ""
}

// assume takes the typed value, checked as entry checks it (a slip such
// as 9o.5 is refused in red and nothing changes), and computes again.
func (w *whatIf) assume() tea.Cmd {
	text := strings.TrimSpace(w.buf)
	w.editing, w.buf = false, ""
	if text == "" {
		return nil
	}
	a, d := w.at(), w.data()
	var err error
	if a.Section != 0 {
		a.Value, err = model.CheckScore(text, d.Sections[w.field])
	} else {
		a.Value, err = model.CheckAdjustment(text, d.Adjustments[w.field-len(d.Sections)])
	}
	what := w.unitName(w.unit) + "/" + w.fieldName(w.field)
	if err != nil {
		w.refused, w.refusedAt = "“"+model.Clip(text)+"”未采用："+w.errText(err), a
		return w.setError("未采用 " + what + "：" + w.errText(err))
	}
	w.refused = ""
	if i := w.assumedAt(a); i >= 0 {
		w.assumed[i] = a
	} else {
		w.assumed = append(w.assumed, a)
	}
	if v, ok := d.Stored(a); ok && v == a.Value { // back to the stored value
		w.assumed = slices.DeleteFunc(w.assumed, func(b model.Assumed) bool { return b == a })
	}
	w.compute()
	return nil
}

func (w *whatIf) unitName(id int64) string {
	if s := w.card.real.Find(id); s != nil {
		return s.Unit.Name
	}
	return ""
}

func (w *whatIf) fieldName(i int) string {
	d := w.data()
	if i < len(d.Sections) {
		return d.Sections[i].Name
	}
	return d.Adjustments[i-len(d.Sections)].Name
}

// ShortHelp is the what-if's key line.
func (w *whatIf) ShortHelp() []key.Binding {
	k := w.keys
	if w.editing {
		return []key.Binding{hint(k.Assume, "代入"), hint(k.Erase, "删字"), hint(k.DropWhatIf, "取消输入")}
	}
	values, units := group("上下键", "选值", k.CellUp, k.CellDown), group("左右键", "换区市", k.Left, k.Right)
	change, drop := hint(k.Assume, "改值"), hint(k.DropWhatIf, "放弃假设")
	return w.fitting(w.width, []key.Binding{values, units, change, hint(k.Restore, "恢复"), k.Help, drop},
		[]key.Binding{values, units, change, drop, k.Help}, []key.Binding{values, change, drop, k.Help})
}

// FullHelp is the what-if's ? screen.
func (w *whatIf) FullHelp() [][]key.Binding {
	k := w.keys
	return [][]key.Binding{
		{hint(k.CellUp, "上一个值"), hint(k.CellDown, "下一个值"), hint(k.Left, "上一个区市"), hint(k.Right, "下一个区市"), k.PageUp, k.PageDown},
		{typing("直接输入新的值"), k.Assume, k.Erase, k.Restore, k.DropWhatIf, k.Help, k.ForceQuit},
	}
}

// whatIfBanner heads the what-if: it is not the real result.
const whatIfBanner = "假设（未保存）"

// View draws the banner and the unit's values on top; under them what
// changed against the real result and the quarter's ranking as assumed,
// the changed units highlighted. The lower part scrolls (PgUp/PgDn).
func (w *whatIf) View() []string {
	width, h := w.width, w.height
	if w.help {
		return w.helpLines(w.FullHelp(), width)
	}
	var b body
	// The values take at most half the screen: the changes below stay on it.
	values := w.valueLines(width, max(h/2-1, 3))
	b.fixed = append([]string{w.styles.Locked.Render(padRight(" "+whatIfBanner+"  只在屏幕上推算，不写入数据库，也不进入导出", width))}, values...)
	b.fixed = append(b.fixed, "")
	b.rows = w.changeLines(width)
	r := &w.result
	if hasScores(r) {
		t := w.rankingTable(r, width)
		b.rows = append(b.rows, "", w.styles.Head.Render(" 假设后的综合排名（高亮：与实际不同）"), t.head())
		changed := map[int64]bool{}
		for _, d := range w.diffs {
			changed[d.Unit.ID] = true
		}
		ss, lines, heads := w.groupHeads(r, t.lines, width) // group after group, as the ranking page
		for i, s := range ss {
			if heads[i] != "" {
				b.rows = append(b.rows, heads[i])
			}
			for k := range lines[i] - b2i(heads[i] != "") {
				line := t.line(s, k)
				if changed[s.Unit.ID] {
					line = w.styles.Selected.Render(padRight(ansi.Strip(line), width))
				}
				b.rows = append(b.rows, line)
			}
		}
	}
	room := h - len(b.fixed)
	w.offset = min(w.offset, b.maxOffset(room))
	return append(b.fixed, w.bodyRows(b, w.offset, room, width, "按 "+w.keys.PageUp.Help().Key+"/"+w.keys.PageDown.Help().Key+" 滚动")...)
}

// valueLines are the unit's values: each section and item, the real value
// and the assumed one, the cursor's line highlighted, a refusal in red. In
// more than room lines they are a window that keeps the cursor's value
// (and its refusal) and a line counting the values above and below.
func (w *whatIf) valueLines(width, room int) []string {
	k := w.keys
	head := w.styles.Head.Render(" " + w.unitName(w.unit) + " 的得分（" + k.Left.Help().Key + "/" + k.Right.Help().Key + " 换区市）")
	var out []string
	var of []int // the value of each line
	nameW := 0
	for i := range w.fields() {
		nameW = max(nameW, w.textW(w.fieldName(i)))
	}
	d := w.data()
	for i := range w.fields() {
		a := w.fieldAt(i)
		real := w.glyphs.Dash
		if v, ok := d.Stored(a); ok {
			real = v.String()
		}
		line := "  " + padRight(w.fieldName(i), nameW) + "  实际 " + padLeft(real, 7)
		if j := w.assumedAt(a); j >= 0 {
			line += "  假设 " + padLeft(w.assumed[j].Value.String(), 7)
		}
		if i == w.field && w.editing {
			line += "  输入 " + w.buf + "_"
		}
		switch {
		case i == w.field:
			line = w.styles.Selected.Render(padRight(line, width))
		case w.assumedAt(a) >= 0:
			line = w.styles.Warning.Render(line)
		}
		out, of = append(out, line), append(of, i)
		if w.refused != "" && sameCell(a, w.refusedAt) {
			out, of = append(out, w.styles.Error.Render("  "+w.refused)), append(of, i)
		}
	}
	if len(out) <= room-1 {
		return append([]string{head}, out...)
	}
	show := max(room-2, 1) // under the heading, above the count
	first := slices.Index(of, w.field)
	last := first
	for last+1 < len(of) && of[last+1] == w.field {
		last++
	}
	w.valTop = min(max(w.valTop, last-show+1), first)
	w.valTop = max(min(w.valTop, len(out)-show), 0)
	end := min(w.valTop+show, len(out))
	above, below := of[w.valTop], w.fields()-1-of[end-1]
	var count []string
	if above > 0 {
		count = append(count, "上面还有 "+strconv.Itoa(above)+" 项")
	}
	if below > 0 {
		count = append(count, "下面还有 "+strconv.Itoa(below)+" 项")
	}
	return append(append([]string{head}, out[w.valTop:end]...), w.styles.Muted.Render("  "+strings.Join(count, "、")+"：上下键选值"))
}

// changeLines say what the assumed values change against the real result:
// per unit its rank, seat, stars and marks.
func (w *whatIf) changeLines(width int) []string {
	d := w.data()
	out := []string{w.styles.Head.Render(" 与实际结果相比")}
	if len(w.assumed) == 0 {
		return append(out, w.styles.Muted.Render("  还没有假设的值：选一个值，直接输入新的数值，按 "+w.keys.Assume.Help().Key+" 代入"))
	}
	var as []string
	for _, a := range w.assumed {
		as = append(as, d.AssumedText(a))
	}
	out = append(out, wrapLines("  假设："+strings.Join(as, "；"), width)...)
	if len(w.diffs) == 0 {
		return append(out, w.styles.Muted.Render("  名次、星级、红旗、警示和座次都与实际相同"))
	}
	for _, diff := range w.diffs {
		for _, l := range wrapLines("  "+w.diffText(diff), width) {
			out = append(out, w.styles.Warning.Render(l))
		}
	}
	return out
}

// diffText is one unit's change: model's words, then its seat, composite
// and each section that changed: its stars, else its rank, else its score.
func (w *whatIf) diffText(d model.Difference) string {
	out := d.Text()
	if d.Seat[0] != d.Seat[1] {
		out += "；座次 " + strconv.Itoa(d.Seat[0]) + " 变为 " + strconv.Itoa(d.Seat[1])
	}
	was, now := w.card.real.Find(d.Unit.ID), w.result.Find(d.Unit.ID)
	if d.Composite && was != nil && now != nil {
		out += "；综合得分 " + was.Composite.String() + " 变为 " + now.Composite.String()
	}
	for j, changed := range d.Sections {
		if !changed || was == nil || now == nil {
			continue
		}
		a, b, name := was.Sections[j], now.Sections[j], w.result.Sections[j].Name
		switch ra, rb := w.card.real.SectionRank(a), w.result.SectionRank(b); {
		case a.Stars != b.Stars:
			out += "；" + name + " " + model.StarsWords(a.Stars) + "变为" + model.StarsWords(b.Stars)
		case ra != rb:
			out += "；" + name + " " + model.RankWords(ra) + "变为" + model.RankWords(rb)
		case a.Score != b.Score || a.Has != b.Has:
			out += "；" + name + " " + scoreWord(a) + " 变为 " + scoreWord(b)
		}
	}
	return out
}

func scoreWord(c model.SectionResult) string {
	if !c.Has {
		return "无得分"
	}
	return c.Score.String()
}
