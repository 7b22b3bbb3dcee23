package model

// ExportKind is one kind of export: a word of `starflag export`, what the
// dashboard's x writes from a page, a file and a sheet name. The kinds are
// listed once, in ExportKinds: the usage text, the export command's checks,
// the dashboard's x and exchange's file and sheet names all read them, so a
// new kind is one entry here plus the code that builds its table.
type ExportKind struct {
	Name  string // the word on the command line, and Table.Kind: ranking
	Label string // its Chinese name in file names: 2023Q4-排名.xlsx
	// Title is what a sentence calls it, the name of its XLSX sheet and
	// the end of its table's title: 2023Q4 综合排名.
	Title  string
	Yearly bool // of a year (--year 2023), not of a quarter (--quarter 2023Q4)
	Prose  bool // a text, not a table: written as md, txt, html or docx, never csv or xlsx
	Print  bool // the dashboard's x writes its print-ready html page (seats: the chart and placards), not xlsx
	// Meeting is a set of print documents (the meeting kit): written as
	// html or docx only.
	Meeting bool
}

// The export kinds, in the order the help lists them.
var (
	ExportRanking  = ExportKind{Name: "ranking", Label: "排名", Title: "综合排名"}
	ExportStars    = ExportKind{Name: "stars", Label: "评星", Title: "单项板块评星"}
	ExportFlags    = ExportKind{Name: "flags", Label: "红旗", Title: "红旗"}
	ExportSeats    = ExportKind{Name: "seats", Label: "座次", Title: "会议座次", Print: true}
	ExportBulletin = ExportKind{Name: "bulletin", Label: "通报", Title: "通报稿", Prose: true}
	ExportKit      = ExportKind{Name: "kit", Label: "会议材料", Title: "会议材料", Meeting: true}
	ExportTemplate = ExportKind{Name: "template", Label: "模板", Title: "录入模板"}
	ExportYear     = ExportKind{Name: "year", Label: "年度", Title: "年度考核", Yearly: true}
)

// ExportKinds lists every export kind, in the order the help gives them.
var ExportKinds = []ExportKind{ExportRanking, ExportStars, ExportFlags, ExportSeats, ExportBulletin, ExportKit, ExportTemplate, ExportYear}

// ExportKindNamed is the kind the command line calls name. A name that is
// no kind gives false and a kind that only names itself (label and title
// are the name), so that a message or file name can still echo it.
func ExportKindNamed(name string) (ExportKind, bool) {
	for _, k := range ExportKinds {
		if k.Name == name {
			return k, true
		}
	}
	return ExportKind{Name: name, Label: name, Title: name}, false
}

// ExportKindNames lists the kinds' names, in the order of ExportKinds.
func ExportKindNames() []string {
	names := make([]string, len(ExportKinds))
	for i, k := range ExportKinds {
		names[i] = k.Name
	}
	return names
}
