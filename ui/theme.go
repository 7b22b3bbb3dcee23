package ui

import (
	"image/color"
	"strconv"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Styles are the roles the screens draw with. Meaning never rests on hue
// alone: flags and warnings also carry a word or mark, and top places and
// headers use bold and reverse, which survive NO_COLOR.
type Styles struct {
	Title    lipgloss.Style // header bar
	Tab      lipgloss.Style
	TabOn    lipgloss.Style
	Head     lipgloss.Style // table header row
	RankTop  lipgloss.Style // ranks holding flag A
	Flag     lipgloss.Style
	Warning  lipgloss.Style
	RedMark  lipgloss.Style // 红牌
	Rise     lipgloss.Style
	Fall     lipgloss.Style
	Muted    lipgloss.Style
	Status   lipgloss.Style
	Error    lipgloss.Style
	Locked   lipgloss.Style
	Big      lipgloss.Style // pixels of the presentation digits
	Podium   lipgloss.Style
	Selected lipgloss.Style
	// Background and Foreground are the terminal's own colours while the
	// dashboard runs (nil: keep the terminal's). The light theme sets them,
	// so its dark text is never drawn on a dark terminal.
	Background, Foreground color.Color
}

// Theme names: the projector theme is the default.
const (
	ThemeProjector = "projector"
	ThemeLight     = "light"
)

// NewStyles builds the styles of a theme for a colour profile. Ascii and
// NoTTY (NO_COLOR, pipes) get no colour at all, only bold and reverse.
// Each colour names its 16- and 256-colour fallbacks, because automatic
// downsampling turns some hues into others on old consoles.
func NewStyles(theme string, p colorprofile.Profile) Styles {
	plain := lipgloss.NewStyle()
	s := Styles{
		Title:    plain.Bold(true).Reverse(true),
		Tab:      plain,
		TabOn:    plain.Bold(true).Reverse(true),
		Head:     plain.Bold(true).Underline(true),
		RankTop:  plain.Bold(true),
		Flag:     plain.Bold(true),
		Warning:  plain,
		RedMark:  plain.Bold(true).Reverse(true),
		Rise:     plain,
		Fall:     plain,
		Muted:    plain,
		Status:   plain.Bold(true),
		Error:    plain.Bold(true),
		Locked:   plain.Bold(true),
		Big:      plain.Reverse(true),
		Podium:   plain.Bold(true).Reverse(true),
		Selected: plain.Reverse(true),
	}
	if p <= colorprofile.ASCII {
		return s
	}
	c := lipgloss.Complete(p)
	pick := func(dark, light [3]any) color.Color {
		v := dark
		if theme == ThemeLight {
			v = light
		}
		return c(lipgloss.Color(v[0].(string)), lipgloss.Color(v[1].(string)), lipgloss.Color(v[2].(string)))
	}
	red := pick([3]any{"9", "196", "#ff3b30"}, [3]any{"1", "160", "#c00000"})
	amber := pick([3]any{"11", "214", "#ffb000"}, [3]any{"3", "130", "#a35a00"})
	green := pick([3]any{"10", "83", "#4cd964"}, [3]any{"2", "28", "#1a7f37"})
	grey := pick([3]any{"7", "248", "#a0a0a0"}, [3]any{"8", "242", "#6b6b6b"})
	gold := pick([3]any{"11", "220", "#ffd60a"}, [3]any{"4", "25", "#0b3d91"})
	navy := pick([3]any{"4", "18", "#0b2e6f"}, [3]any{"4", "25", "#1f4e9e"})
	white := pick([3]any{"15", "231", "#ffffff"}, [3]any{"15", "231", "#ffffff"})

	s.Title = plain.Bold(true).Foreground(white).Background(navy)
	s.TabOn = plain.Bold(true).Foreground(white).Background(navy)
	s.RankTop = plain.Bold(true).Foreground(gold)
	s.Flag = plain.Bold(true).Foreground(red)
	s.Warning = plain.Bold(true).Foreground(amber)
	s.RedMark = plain.Bold(true).Foreground(white).Background(red)
	s.Rise = plain.Foreground(green)
	s.Fall = plain.Foreground(amber)
	s.Muted = plain.Foreground(grey)
	s.Status = plain.Bold(true).Foreground(green)
	s.Error = plain.Bold(true).Foreground(red)
	s.Locked = plain.Bold(true).Foreground(white).Background(red)
	s.Big = plain.Background(gold)
	s.Podium = plain.Bold(true).Foreground(white).Background(red)
	if theme == ThemeLight {
		// The terminal's default colours are set by escape sequence in
		// true colour whatever the profile: near-white paper, near-black ink.
		s.Background, s.Foreground = lipgloss.Color("#fbfbf8"), lipgloss.Color("#1a1a1a")
	}
	return s
}

// paint is a style as its escape codes, applied by concatenation: the hot
// paths of a frame (200 units' marks, the presentation's cards) would
// otherwise spend most of their time in Style.Render. Only for styles of
// colour, bold and reverse (no underline, padding or width).
type paint struct{ pre, post string }

func (p paint) on(s string) string {
	if s == "" {
		return s
	}
	return p.pre + s + p.post
}

// paints are the hot paths' styles, made once per App (styles do not
// change after New).
type paints struct{ Flag, RedMark, Warning, Bold, RankTop, Big paint }

func (c *common) paints() *paints {
	if c.memo.paint == nil {
		p := func(st lipgloss.Style) paint {
			pre, post := styleCodes(st)
			return paint{pre, post}
		}
		s := c.styles
		c.memo.paint = &paints{p(s.Flag), p(s.RedMark), p(s.Warning), p(lipgloss.NewStyle().Bold(true)), p(s.RankTop), p(s.Big)}
	}
	return c.memo.paint
}

// Glyphs are the marks the screens use. The default set uses only ASCII and
// true wide characters, because ★ ▲ ▼ and box lines are East Asian
// Ambiguous: the classic Windows console with a Chinese font draws them two
// cells wide and breaks every column. Words stay words in every
// set (红旗, 红牌, 新): the ascii set replaces symbols, not Chinese.
type Glyphs struct {
	Name       string
	Star       string // with a star count: 10星, or ★10 before it
	StarBefore bool
	Up         string // movement prefixes: 升2
	Down       string
	Same       string
	New        string
	Flag       string // the word before a unit's flags: 红旗：勇当排头
	Warn       string // a warning
	Red        string // a red mark (红牌)
	Veto       string // 一票否决 (否决)
	Dash       string // an empty value: － by default (— is East Asian Ambiguous)
	Node       string // a point of the bump chart
	Pixel      string // one cell pair of a big digit
	Border     bool   // draw rounded borders (fancy only)
}

// Glyph set names.
const (
	GlyphsDefault = "default"
	GlyphsFancy   = "fancy"
	GlyphsASCII   = "ascii"
)

// NewGlyphs returns a glyph set by name (unknown names give the default).
func NewGlyphs(name string) Glyphs {
	g := Glyphs{Name: GlyphsDefault, Star: "星", Up: "升", Down: "降", Same: "平", New: "新", Flag: "红旗", Warn: "警示", Red: "红牌", Veto: "否决", Dash: "－", Node: "o", Pixel: "  "}
	switch name {
	case GlyphsFancy:
		g.Name, g.Star, g.StarBefore, g.Up, g.Down, g.Same, g.Dash, g.Node, g.Border = name, "★", true, "▲", "▼", "—", "—", "●", true
	case GlyphsASCII:
		g.Name, g.Up, g.Down, g.Same, g.Dash, g.Pixel = name, "+", "-", "=", "-", "##"
	}
	return g
}

// Stars is a star count as drawn: 10星 (★10 in the fancy set).
func (g Glyphs) Stars(n int) string {
	if g.StarBefore {
		return g.Star + strconv.Itoa(n)
	}
	return strconv.Itoa(n) + g.Star
}
