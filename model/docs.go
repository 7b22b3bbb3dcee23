package model

import (
	"strconv"
	"strings"
	"time"
)

// The documents an office sends (公文): the bulletin of a quarter and of a
// year and the meeting kit. Their settings are part of a quarter's rules
// (Rules.Docs), copied forward with them and frozen with a locked quarter;
// what documents say of a unit (its 公文用名, 出席人, 职务) is on the unit.

// The versions of a bulletin: 文件, the document sent to the units (with
// the committee in the title, an optional 主送机关, 发文字号 and 版记), and
// 简报, for the newspaper and the web.
const (
	VersionFile  = "file"
	VersionBrief = "brief"
)

// VersionName is a version as a sentence says it: 文件 or 简报.
func VersionName(v string) string {
	if v == VersionBrief {
		return "简报"
	}
	return "文件"
}

// ParseVersion reads --version: 文件 or 简报 (file and brief too).
func ParseVersion(s string) (string, error) {
	switch strings.TrimSpace(s) {
	case "文件", VersionFile:
		return VersionFile, nil
	case "简报", VersionBrief:
		return VersionBrief, nil
	}
	return "", Errorf(ErrInvalid, "通报的版本“%s”未知，只能是 文件 或 简报", Clip(s))
}

// The orders of speaking at the review meeting (DocSettings.SpeakOrder).
const (
	SpeakBySeat     = "seat"     // seat order (the default, "")
	SpeakByOfficial = "official" // official order
	SpeakReversed   = "reverse"  // seat order from the last seat
)

// SpeakOrderName says a speaking order in setup's words.
func SpeakOrderName(o string) string {
	switch o {
	case SpeakByOfficial:
		return "区市顺序"
	case SpeakReversed:
		return "座次倒序"
	}
	return "座次顺序"
}

// DocSettings are a quarter's settings of its documents. The zero value is
// the default: a 文件 bulletin without 主送机关, 发文字号 or 版记, no total
// column in the stars grid, the 约谈提醒/红牌 paragraph in the 文件 and not
// in the 简报, and speakers in seat order.
type DocSettings struct {
	Version   string `json:"version,omitempty"`   // VersionFile ("" too) or VersionBrief
	Addressee string `json:"addressee,omitempty"` // 主送机关 (文件): 各区、市党委和人民政府，市直有关部门（单位）：
	Number    string `json:"number,omitempty"`    // 发文字号 (文件): 青考核办〔2023〕5号
	CopyTo    string `json:"copy_to,omitempty"`   // 版记 (文件): 抄送
	Issuer    string `json:"issuer,omitempty"`    // 版记 (文件): 印发机关
	// StarsTotal adds a 合计 column to the bulletin's stars grid.
	StarsTotal bool `json:"stars_total,omitempty"`
	// FileOmitsWarnings leaves the 约谈提醒/红牌 paragraph out of the 文件;
	// BriefHasWarnings puts it in the 简报.
	FileOmitsWarnings bool   `json:"file_omits_warnings,omitempty"`
	BriefHasWarnings  bool   `json:"brief_has_warnings,omitempty"`
	SpeakOrder        string `json:"speak_order,omitempty"` // SpeakBySeat ("" too), SpeakByOfficial, SpeakReversed
}

// MaxDocLineWidth bounds a document line of the settings (主送机关, 抄送 …).
const MaxDocLineWidth = 200

// Warnings reports whether a bulletin of version v has the 约谈提醒/红牌
// paragraph.
func (d DocSettings) Warnings(v string) bool {
	if v == VersionBrief {
		return d.BriefHasWarnings
	}
	return !d.FileOmitsWarnings
}

// validate checks the choices of stored settings.
func (d DocSettings) validate() error {
	switch d.Version {
	case "", VersionFile, VersionBrief:
	default:
		return Errorf(ErrInvalid, "通报的版本“%s”未知", d.Version)
	}
	switch d.SpeakOrder {
	case "", SpeakBySeat, SpeakByOfficial, SpeakReversed:
	default:
		return Errorf(ErrInvalid, "发言顺序“%s”未知", d.SpeakOrder)
	}
	return nil
}

// clean checks and cleans the lines typed in setup; "" is none.
func (d DocSettings) clean() (DocSettings, error) {
	for _, f := range []struct {
		what string
		s    *string
	}{{"主送机关", &d.Addressee}, {"发文字号", &d.Number}, {"抄送机关", &d.CopyTo}, {"印发机关", &d.Issuer}} {
		if strings.TrimSpace(*f.s) == "" {
			*f.s = ""
			continue
		}
		var err error
		if *f.s, err = CheckName(f.what, *f.s, MaxDocLineWidth); err != nil {
			return d, err
		}
	}
	return d, nil
}

// DefaultMethod is the name of the 考核办法 without its year: a bulletin
// cites it with the year of its quarter (MethodName).
const DefaultMethod = "经济运行及重点工作季度“摘星夺旗”考核办法"

// MethodName is the 考核办法 a bulletin of year cites, without 《》: the
// setting as typed when it starts with a year (2023年度…), else with the
// year put before it (the default: 2023年度经济运行及重点工作季度“摘星夺旗”考核办法).
func (r Rules) MethodName(year int) string {
	m := strings.Trim(strings.TrimSpace(r.Method), "《》")
	if m == "" {
		m = DefaultMethod
	}
	if _, ok := leadingYear(m); ok {
		return m
	}
	return strconv.Itoa(year) + "年度" + m
}

// leadingYear is the year a name starts with ("2023年…").
func leadingYear(s string) (int, bool) {
	if len(s) < 7 || !strings.HasPrefix(s[4:], "年") {
		return 0, false
	}
	y, err := strconv.Atoi(s[:4])
	return y, err == nil
}

// CarriedInto is r as quarter q takes it from another quarter (a new
// quarter copying the one before, a rulebook file loaded into q): each year
// has its own 考核办法, so a method named after another year is renamed to
// q's.
func (r Rules) CarriedInto(q Quarter) Rules {
	m := strings.Trim(strings.TrimSpace(r.Method), "《》")
	if y, ok := leadingYear(m); ok && y != q.Year {
		r.Method = strconv.Itoa(q.Year) + m[4:]
	}
	return r
}

// DateBlank is the 成文日期 a draft leaves to fill in.
const DateBlank = "    年  月  日"

// DateWindow is how many days after a quarter (or year) ends a draft is
// signed today without --date: later than that, or before it ends, today is
// unlikely the date.
const DateWindow = 90

// SigningDate is the 成文日期 of a document about a period whose last day
// is last: the date given, else today when the period ended at most
// DateWindow days ago, else "" (the draft leaves DateBlank, and says so).
func SigningDate(given *time.Time, last, now time.Time) string {
	if given != nil {
		return ChineseDate(*given)
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if days := int(today.Sub(last).Hours() / 24); days >= 1 && days <= DateWindow {
		return ChineseDate(now)
	}
	return ""
}

// LastDay is the last day of q.
func (q Quarter) LastDay() time.Time {
	return time.Date(q.Year, time.Month(3*q.Q+1), 0, 0, 0, 0, 0, time.UTC)
}

// TitleWidth is the widest line of a title, in half characters (a Chinese
// character is 2): 19 characters of 2号 (22 pt) in the 156 mm text area.
const TitleWidth = 38

// BreakTitle breaks a title made of phrases into lines no wider than
// width (half characters), never inside a phrase: the fewest lines, and of
// those the most even ones (GB/T 9704: 回行时要做到词意完整，排列对称).
// A phrase wider than a line is broken by characters.
func BreakTitle(phrases []string, width int) []string {
	var ps []string
	for _, p := range phrases {
		for nameWidth(p) > width { // a phrase longer than a line: break it
			cut, w := 0, 0
			for i, r := range p {
				w += nameWidth(string(r))
				if w > width {
					cut = i
					break
				}
			}
			ps, p = append(ps, p[:cut]), p[cut:]
		}
		if p != "" {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	ws := make([]int, len(ps))
	for i, p := range ps {
		ws[i] = nameWidth(p)
	}
	// best[i] is the best breaking of ps[i:]: fewest lines, then the
	// smallest sum of squared shortfalls from the widest line.
	type plan struct {
		lines, cost int
		next        int
	}
	var best []plan
	try := func(widest int) bool {
		best = make([]plan, len(ps)+1)
		for i := len(ps) - 1; i >= 0; i-- {
			best[i] = plan{lines: -1}
			w := 0
			for j := i; j < len(ps); j++ {
				w += ws[j]
				if w > widest {
					break
				}
				rest := best[j+1]
				if rest.lines < 0 {
					continue
				}
				c := plan{lines: rest.lines + 1, cost: rest.cost + (widest-w)*(widest-w), next: j + 1}
				if best[i].lines < 0 || c.lines < best[i].lines || c.lines == best[i].lines && c.cost < best[i].cost {
					best[i] = c
				}
			}
		}
		return best[0].lines > 0
	}
	try(width)
	lines := best[0].lines
	// The narrowest widest line that still needs no more lines.
	lo := 0
	for _, w := range ws {
		lo = max(lo, w)
	}
	for w := lo; w <= width; w++ {
		if try(w) && best[0].lines == lines {
			break
		}
	}
	var out []string
	for i := 0; i < len(ps); i = best[i].next {
		out = append(out, strings.Join(ps[i:best[i].next], ""))
	}
	return out
}

// titlePhrases are the phrases of "<period>全市经济运行及重点工作“摘星夺旗”考核结果",
// the words a title line may not split (the period, 2023年三季度, is one).
func titlePhrases(period string) []string {
	return []string{period, "全市", "经济运行", "及重点工作", "“摘星夺旗”", "考核结果"}
}

// documentTitle is the title of a bulletin of period in version v: 文件
// "<committee>关于<period>全市…考核结果的通报", 简报 "<period>全市…考核结果".
func documentTitle(committee, period, v string) (string, []string) {
	ps := titlePhrases(period)
	if v == VersionBrief {
		return strings.Join(ps, ""), ps
	}
	ps = append([]string{committee + "关于"}, ps...)
	ps[len(ps)-1] += "的通报"
	return strings.Join(ps, ""), ps
}
