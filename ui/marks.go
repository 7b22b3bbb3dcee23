package ui

import (
	"strconv"
	"strings"

	"starflag/model"
)

// Shared marks: every page writes movement, flags and warnings the same
// way, in words or glyphs that keep their meaning without colour.

// movement is 升2 / 降1 / 平 / 新 (or the glyph set's equivalents), styled.
func (a *App) movement(s model.Standing) cell {
	g := a.glyphs
	switch {
	case !s.HasMovement():
		return styled(g.New, a.styles.Muted)
	case s.Movement() > 0:
		return styled(g.Up+strconv.Itoa(s.Movement()), a.styles.Rise)
	case s.Movement() < 0:
		return styled(g.Down+strconv.Itoa(-s.Movement()), a.styles.Fall)
	}
	return plainCell(g.Same)
}

// flagLabel shortens a flag's name: the part after the last 、 when wide
// (勇当排头), its last two characters when narrow (排头).
func flagLabel(name string, narrow bool) string {
	if i := strings.LastIndex(name, "、"); i >= 0 {
		name = name[i+len("、"):]
	}
	if narrow {
		return lastRunes(name, 2)
	}
	return name
}

// flags lists a unit's flags as "旗排头 旗赶超".
func (a *App) flags(s model.Standing, narrow bool) cell {
	if len(s.Flags) == 0 {
		return plainCell("")
	}
	parts := make([]string, len(s.Flags))
	for i, f := range s.Flags {
		parts[i] = a.glyphs.Flag + flagLabel(f, narrow)
	}
	return styled(strings.Join(parts, " "), a.styles.Flag)
}

// warning is 警示 (amber) or 红牌 (red, reverse) for a warned unit.
func (a *App) warning(s model.Standing) cell {
	switch {
	case s.RedMark:
		return styled(a.glyphs.Red, a.styles.RedMark)
	case s.Warned():
		return styled(a.glyphs.Warn, a.styles.Warning)
	}
	return plainCell("")
}

// unitName is the full name on wide screens and the short one on narrow.
func unitName(u model.Unit, narrow bool) string {
	if narrow {
		return u.Label()
	}
	return u.Name
}

// rankCell is the rank, bold (gold) for flag-A places, a dash when unranked.
func (a *App) rankCell(s model.Standing) cell {
	if s.Rank == 0 {
		return styled(a.glyphs.Dash, a.styles.Muted)
	}
	return styledIf(strconv.Itoa(s.Rank), a.styles.RankTop, len(s.Flags) > 0 && s.Flags[0] == model.FlagA || s.Rank == 1)
}

// notice explains an empty or incomplete quarter above a page's table;
// nil when the quarter is complete.
func (a *App) notice(r *model.Result, w int) []string {
	switch {
	case r == nil || !hasScores(r):
		q := a.quarter.String()
		return []string{"", "  " + q + " 还没有得分。",
			"  按 e 录入得分，按 s 设置区市和板块，按 t 选择或新建其他季度（[ ] 前后翻）。",
			a.styles.Muted.Render("  也可以导入：starflag import --quarter " + q + " 得分.csv（模板：starflag export template --quarter " + q + "）")}
	case !r.Complete():
		// Provisional: the complete units' ranks only, and no flag or
		// warning until the last score is in (model.Compute).
		return []string{a.styles.Warning.Render(padRight("未完成（暂定排名）：不评红旗和警示；缺 "+
			strconv.Itoa(len(r.Missing))+" 项："+model.MissingList(r.Missing, 4), w))}
	}
	return nil
}
