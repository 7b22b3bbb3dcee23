package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"starflag/internal/golden"
	"starflag/model"
)

// The parts of a DOCX as the tests read them back with encoding/xml: only
// the elements the layout checks need (namespaces are matched by local
// name, as Word's are all the one WordprocessingML namespace).

type xVal struct {
	Val string `xml:"val,attr"`
}

type xFonts struct {
	ASCII    string `xml:"ascii,attr"`
	EastAsia string `xml:"eastAsia,attr"`
}

type xRPr struct {
	Fonts   *xFonts `xml:"rFonts"`
	Size    *xVal   `xml:"sz"`
	Spacing *xVal   `xml:"spacing"`
}

type xInd struct {
	Right      string `xml:"right,attr"`
	RightChars string `xml:"rightChars,attr"`
	Left       string `xml:"left,attr"`
}

type xPPr struct {
	Style *xVal   `xml:"pStyle"`
	Keep  *xVal   `xml:"keepNext"`
	Jc    *xVal   `xml:"jc"`
	Ind   *xInd   `xml:"ind"`
	Sect  *xSect  `xml:"sectPr"`
	Space *xSpace `xml:"spacing"`
}

type xSpace struct {
	Line     string `xml:"line,attr"`
	LineRule string `xml:"lineRule,attr"`
}

type xRun struct {
	Texts    []string `xml:"t"`
	Instr    []string `xml:"instrText"`
	FldChars []struct {
		Type string `xml:"fldCharType,attr"`
	} `xml:"fldChar"`
	Breaks []struct{} `xml:"br"`
}

type xPara struct {
	PPr  xPPr   `xml:"pPr"`
	Runs []xRun `xml:"r"`
}

// text is the paragraph's text, its line breaks as "\n".
func (p xPara) text() string {
	var b strings.Builder
	for _, r := range p.Runs {
		if len(r.Breaks) > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(r.Texts, ""))
	}
	return b.String()
}

func (p xPara) style() string {
	if p.PPr.Style == nil {
		return ""
	}
	return p.PPr.Style.Val
}

type xSect struct {
	Footers []struct {
		Type string `xml:"type,attr"`
		ID   string `xml:"id,attr"`
	} `xml:"footerReference"`
	PgSz struct {
		W      int    `xml:"w,attr"`
		H      int    `xml:"h,attr"`
		Orient string `xml:"orient,attr"`
	} `xml:"pgSz"`
	PgMar struct {
		Top    int `xml:"top,attr"`
		Right  int `xml:"right,attr"`
		Bottom int `xml:"bottom,attr"`
		Left   int `xml:"left,attr"`
	} `xml:"pgMar"`
	Grid struct {
		Type      string `xml:"type,attr"`
		LinePitch int    `xml:"linePitch,attr"`
	} `xml:"docGrid"`
}

type xTable struct {
	Rows []struct {
		Cells []struct {
			Paras []xPara `xml:"p"`
		} `xml:"tc"`
	} `xml:"tr"`
}

// xBody keeps the body's paragraphs and tables in order.
type xBody struct {
	Items []any
	Sect  xSect
}

func (b *xBody) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				var p xPara
				if err := d.DecodeElement(&p, &t); err != nil {
					return err
				}
				b.Items = append(b.Items, p)
			case "tbl":
				var tb xTable
				if err := d.DecodeElement(&tb, &t); err != nil {
					return err
				}
				b.Items = append(b.Items, tb)
			case "sectPr":
				if err := d.DecodeElement(&b.Sect, &t); err != nil {
					return err
				}
			default:
				if err := d.Skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

type xDocument struct {
	Body xBody `xml:"body"`
}

// paras are the body's paragraphs outside tables.
func (d xDocument) paras() []xPara {
	var ps []xPara
	for _, it := range d.Body.Items {
		if p, ok := it.(xPara); ok {
			ps = append(ps, p)
		}
	}
	return ps
}

type xStyle struct {
	ID  string `xml:"styleId,attr"`
	RPr xRPr   `xml:"rPr"`
	PPr xPPr   `xml:"pPr"`
	On  *xVal  `xml:"basedOn"`
}

type xStyles struct {
	Defaults struct {
		RPr xRPr `xml:"rPrDefault>rPr"`
	} `xml:"docDefaults"`
	Styles []xStyle `xml:"style"`
}

// font is the East Asian font and size (half points) a paragraph of style
// id prints in, following basedOn down to the defaults.
func (s xStyles) font(id string) (string, int) {
	font, size := "", 0
	for id != "" {
		i := slices.IndexFunc(s.Styles, func(st xStyle) bool { return st.ID == id })
		if i < 0 {
			break
		}
		st := s.Styles[i]
		if font == "" && st.RPr.Fonts != nil {
			font = st.RPr.Fonts.EastAsia
		}
		if size == 0 && st.RPr.Size != nil {
			size, _ = strconv.Atoi(st.RPr.Size.Val)
		}
		id = ""
		if st.On != nil {
			id = st.On.Val
		}
	}
	if font == "" && s.Defaults.RPr.Fonts != nil {
		font = s.Defaults.RPr.Fonts.EastAsia
	}
	if size == 0 && s.Defaults.RPr.Size != nil {
		size, _ = strconv.Atoi(s.Defaults.RPr.Size.Val)
	}
	return font, size
}

type xFooter struct {
	Paras []xPara `xml:"p"`
}

type xFontTable struct {
	Fonts []struct {
		Name string `xml:"name,attr"`
		Alt  *xVal  `xml:"altName"`
	} `xml:"font"`
}

// docx is a DOCX read back.
type docx struct {
	parts    map[string][]byte
	doc      xDocument
	styles   xStyles
	fonts    xFontTable
	settings []byte
}

// readDOCX unzips a DOCX and parses its parts; any part that is not well
// formed XML fails the test.
func readDOCX(t *testing.T, data []byte) docx {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	d := docx{parts: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		d.parts[f.Name] = b
		// Every part is well formed XML.
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml"} {
		if d.parts[name] == nil {
			t.Fatalf("no part %s", name)
		}
	}
	for name, v := range map[string]any{"word/document.xml": &d.doc, "word/styles.xml": &d.styles, "word/fontTable.xml": &d.fonts} {
		if err := xml.Unmarshal(d.parts[name], v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	d.settings = d.parts["word/settings.xml"]
	return d
}

func (d docx) footer(t *testing.T, name string) xFooter {
	t.Helper()
	var f xFooter
	if err := xml.Unmarshal(d.parts["word/"+name], &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// mmOf is a length in twips as millimetres.
func mmOf(twips int) float64 { return float64(twips) * 25.4 / 1440 }

// checkOfficialPage checks a section against GB/T 9704-2012: A4, 天头 37
// mm, 订口 28 mm, a text area of 156 × 225 mm holding 22 lines, and the
// odd and even page-number footers.
func checkOfficialPage(t *testing.T, s xSect, d docx) {
	t.Helper()
	near := func(what string, got, want float64) {
		if got < want-0.3 || got > want+0.3 {
			t.Errorf("%s %.1f mm, want %.0f mm", what, got, want)
		}
	}
	near("page width", mmOf(s.PgSz.W), 210)
	near("page height", mmOf(s.PgSz.H), 297)
	near("天头", mmOf(s.PgMar.Top), 37)
	near("订口", mmOf(s.PgMar.Left), 28)
	near("版心 width", mmOf(s.PgSz.W-s.PgMar.Left-s.PgMar.Right), 156)
	near("版心 height", mmOf(s.PgSz.H-s.PgMar.Top-s.PgMar.Bottom), 225)
	height := s.PgSz.H - s.PgMar.Top - s.PgMar.Bottom
	if s.Grid.Type == "" || s.Grid.LinePitch*22 > height || s.Grid.LinePitch*23 <= height {
		t.Errorf("line grid %+v: not 22 lines in %d twips", s.Grid, height)
	}
	// 28 characters of the body's size and spacing to a line, not 29.
	var normal xRPr
	for _, st := range d.styles.Styles {
		if st.ID == "Normal" {
			normal = st.RPr
			if st.PPr.Space == nil || st.PPr.Space.Line != strconv.Itoa(s.Grid.LinePitch) || st.PPr.Space.LineRule != "exact" {
				t.Errorf("Normal's line spacing %+v, want exactly the grid's %d", st.PPr.Space, s.Grid.LinePitch)
			}
		}
	}
	if normal.Size == nil || normal.Spacing == nil {
		t.Fatalf("Normal has no size or character spacing: %+v", normal)
	}
	half, _ := strconv.Atoi(normal.Size.Val)
	spacing, _ := strconv.Atoi(normal.Spacing.Val)
	pitch, width := half*10+spacing, s.PgSz.W-s.PgMar.Left-s.PgMar.Right
	if 28*pitch > width || 29*pitch <= width {
		t.Errorf("a character is %d twips: not 28 to a line of %d", pitch, width)
	}
	types := map[string]string{}
	for _, f := range s.Footers {
		types[f.Type] = f.ID
	}
	if types["default"] == "" || types["even"] == "" || !bytes.Contains(d.settings, []byte("<w:evenAndOddHeaders/>")) {
		t.Errorf("footers %v and evenAndOddHeaders: want odd and even page numbers", types)
	}
}

// checkPageNumbers checks the footers: "— PAGE —" in 4号 宋体, one
// character in from the outer edge (odd pages right, even left).
func checkPageNumbers(t *testing.T, d docx) {
	t.Helper()
	font, size := d.styles.font("Footer")
	if font != "宋体" || size != 28 {
		t.Errorf("page numbers in %s %d half points, want 宋体 28 (4号)", font, size)
	}
	for name, side := range map[string]string{"footer1.xml": "right", "footer2.xml": "left"} {
		f := d.footer(t, name)
		if len(f.Paras) != 1 {
			t.Fatalf("%s: %d paragraphs", name, len(f.Paras))
		}
		p := f.Paras[0]
		var instr, fld []string
		for _, r := range p.Runs {
			instr = append(instr, r.Instr...)
			for _, c := range r.FldChars {
				fld = append(fld, c.Type)
			}
		}
		if strings.TrimSpace(strings.Join(instr, "")) != "PAGE" || !slices.Equal(fld, []string{"begin", "separate", "end"}) {
			t.Errorf("%s: field %q %v, want a PAGE field", name, instr, fld)
		}
		if got := p.text(); got != "— 1 —" {
			t.Errorf("%s: %q, want — 1 —", name, got)
		}
		if p.style() != "Footer" || p.PPr.Jc == nil || p.PPr.Jc.Val != side || p.PPr.Ind == nil {
			t.Errorf("%s: style %q jc %v ind %v, want the Footer style at the %s, indented", name, p.style(), p.PPr.Jc, p.PPr.Ind, side)
		}
	}
}

// checkFonts checks the fonts of GB/T 9704: title 2号 方正小标宋简体 (宋体
// where it is missing), body 3号 仿宋_GB2312 (仿宋), 一、 黑体, （一） 楷体.
func checkFonts(t *testing.T, d docx) {
	t.Helper()
	for _, c := range []struct {
		style, font string
		size        int
	}{{"SFTitle", "方正小标宋简体", 44}, {"Normal", "仿宋_GB2312", 32}, {"SFBody", "仿宋_GB2312", 32},
		{"Heading1", "黑体", 32}, {"Heading2", "楷体_GB2312", 32}} {
		if font, size := d.styles.font(c.style); font != c.font || size != c.size {
			t.Errorf("%s: %s %d, want %s %d", c.style, font, size, c.font, c.size)
		}
	}
	alts := map[string]string{}
	for _, f := range d.fonts.Fonts {
		if f.Alt != nil {
			alts[f.Name] = f.Alt.Val
		}
	}
	for font, alt := range map[string]string{"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei"} {
		if alts[font] != alt {
			t.Errorf("font table: %s falls back to %q, want %q", font, alts[font], alt)
		}
	}
}

// bulletinOf drafts the demo's bulletin of q with rules changed by set.
func bulletinOf(t testing.TB, q string, set func(*model.Rules), o model.DocOptions) model.Bulletin {
	t.Helper()
	_, rs := demoResults()
	r := resultOf(t, rs, q)
	if set != nil {
		set(&r.Rules)
	}
	b, err := model.BulletinWith(r, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBulletinDOCXLayout opens the DOCX of the demo's bulletins (文件 with
// every optional line, 简报, the annual one) and checks the page, the grid,
// the fonts, the page numbers, the title broken as BreakTitle broke it, the
// headings' styles and the 署名 and 成文日期.
func TestBulletinDOCXLayout(t *testing.T) {
	_, rs := demoResults()
	annual, err := model.AnnualBulletinOf(model.AnnualView(2023, rs, rs), model.DocOptions{Date: "2024年1月15日"})
	if err != nil {
		t.Fatal(err)
	}
	full := func(r *model.Rules) {
		r.Docs = model.DocSettings{Addressee: "各区、市党委和人民政府，市直有关部门（单位）：", Number: "青考核办〔2023〕5号",
			CopyTo: "市委办公厅", Issuer: "青岛市综合考核委员会办公室"}
	}
	for name, bl := range map[string]model.Bulletin{
		"file":   bulletinOf(t, "2023Q3", full, model.DocOptions{Date: "2023年11月7日"}),
		"brief":  bulletinOf(t, "2023Q3", nil, model.DocOptions{Version: model.VersionBrief}),
		"annual": annual,
	} {
		t.Run(name, func(t *testing.T) {
			data, err := BulletinDOCX(bl)
			if err != nil {
				t.Fatal(err)
			}
			d := readDOCX(t, data)
			checkOfficialPage(t, d.doc.Body.Sect, d)
			checkPageNumbers(t, d)
			checkFonts(t, d)

			ps := d.doc.paras()
			i := slices.IndexFunc(ps, func(p xPara) bool { return p.style() == "SFTitle" })
			if i < 0 {
				t.Fatal("no title paragraph")
			}
			if got := strings.Split(ps[i].text(), "\n"); !slices.Equal(got, bl.TitleLines) || strings.Join(got, "") != bl.Title {
				t.Errorf("title lines %q, want %q (%s)", got, bl.TitleLines, bl.Title)
			}
			for _, l := range bl.TitleLines {
				if width(l) > model.TitleWidth {
					t.Errorf("title line %q is wider than a line of 2号", l)
				}
			}
			var h1, h2 []string
			for _, p := range ps {
				switch p.style() {
				case "Heading1":
					h1 = append(h1, p.text())
				case "Heading2":
					h2 = append(h2, p.text())
				}
			}
			var w1, w2 []string
			for _, b := range bl.Body {
				switch b.Level {
				case 1:
					w1 = append(w1, b.Text)
				case 2:
					w2 = append(w2, b.Text)
				}
			}
			if !slices.Equal(h1, w1) || !slices.Equal(h2, w2) {
				t.Errorf("headings %q %q, want %q %q", h1, h2, w1, w2)
			}

			// The 署名 above the 成文日期, which ends four characters
			// from the right; the 署名 centred over it.
			j := slices.IndexFunc(ps, func(p xPara) bool { return p.text() == bl.Date })
			if j < 1 || ps[j-1].text() != bl.Committee {
				t.Fatalf("no 署名 and date %q", bl.Date)
			}
			date, sig := ps[j].PPr, ps[j-1].PPr
			if date.Jc == nil || date.Jc.Val != "right" || date.Ind == nil || date.Ind.RightChars != "400" {
				t.Errorf("成文日期 %+v, want right-aligned four characters in", date)
			}
			sigChars, _ := strconv.Atoi(sig.Ind.RightChars)
			mid := func(rightChars, w int) float64 { return float64(rightChars)/100 + float64(w)/4 }
			if d := mid(sigChars, width(bl.Committee)) - mid(400, width(bl.Date)); d > 0.5 || d < -0.5 {
				t.Errorf("署名 centre %.2f characters from the date's", d)
			}

			// The end of the body keeps with the signature: from the last
			// block (a table's last row) to the 署名, each paragraph keeps
			// with the next.
			items := d.doc.Body.Items
			k := slices.IndexFunc(items, func(it any) bool { p, ok := it.(xPara); return ok && p.text() == bl.Committee })
			if items[k].(xPara).PPr.Keep == nil {
				t.Error("the 署名 does not keep with the date")
			}
			for k--; k >= 0; k-- {
				if tb, ok := items[k].(xTable); ok {
					for _, c := range tb.Rows[len(tb.Rows)-1].Cells {
						if c.Paras[0].PPr.Keep == nil {
							t.Error("the last table row does not keep with the signature")
						}
					}
					break
				}
				p := items[k].(xPara)
				if p.PPr.Keep == nil {
					t.Errorf("paragraph %q before the signature does not keep with it", p.text())
				}
				if p.text() != "" {
					break
				}
			}

			text, err := DOCXText(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{bl.Number, bl.Addressee, bl.Opening, bl.CopyTo, bl.Issuer} {
				if !strings.Contains(text, s) {
					t.Errorf("document lacks %q", s)
				}
			}
			// The 版记's last line: 印发机关 at the left, a right tab, the date.
			if bl.Issuer != "" && !strings.Contains(text, "\n"+bl.Issuer+" "+bl.Date+"印发\n") {
				t.Errorf("no 印发 line with the date at a tab:\n%s", text)
			}
		})
	}
}

// TestBulletinDOCXBlankDate: a draft without a date leaves the blank the
// staff fill in, spaces and all.
func TestBulletinDOCXBlankDate(t *testing.T) {
	bl := bulletinOf(t, "2023Q3", nil, model.DocOptions{})
	data, err := BulletinDOCX(bl)
	if err != nil {
		t.Fatal(err)
	}
	d := readDOCX(t, data)
	if !slices.ContainsFunc(d.doc.paras(), func(p xPara) bool { return p.text() == model.DateBlank }) {
		t.Errorf("no paragraph %q", model.DateBlank)
	}
}

// demoKit is the meeting kit of the demo's 2023Q3, with 市南区's 出席人
// and 职务 set.
func demoKit(t *testing.T) model.Kit {
	t.Helper()
	_, rs := demoResults()
	r := resultOf(t, rs, "2023Q3")
	for i := range r.Standings {
		if r.Standings[i].Unit.Name == "市南区" {
			r.Standings[i].Unit.Attendee, r.Standings[i].Unit.Post = "张三", "区委书记"
		}
	}
	k, err := model.KitOf(r)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestKitDOCX opens the meeting kit: two landscape chart sheets (from the
// seats, then from the 主席台, the seats turned round), a landscape sheet
// per placard with the 出席人 and 职务, then the lists and the 主持词 on the
// bulletin's page, numbered from 1.
func TestKitDOCX(t *testing.T) {
	k := demoKit(t)
	data, err := KitDOCX(k)
	if err != nil {
		t.Fatal(err)
	}
	d := readDOCX(t, data)
	checkOfficialPage(t, d.doc.Body.Sect, d)
	checkPageNumbers(t, d)
	checkFonts(t, d)
	var sections []xSect
	for _, p := range d.doc.paras() {
		if p.PPr.Sect != nil {
			sections = append(sections, *p.PPr.Sect)
		}
	}
	if want := 2 + len(k.Chart.Seats); len(sections) != want {
		t.Fatalf("%d landscape sections, want %d", len(sections), want)
	}
	for i, s := range sections {
		if s.PgSz.Orient != "landscape" || s.PgSz.W != a4H || len(s.Footers) != 0 {
			t.Errorf("section %d: %+v, want A4 landscape without page numbers", i+1, s)
		}
	}
	if !bytes.Contains(d.parts["word/document.xml"], []byte(`<w:pgNumType w:start="1"/>`)) {
		t.Error("the lists' pages are not numbered from 1")
	}

	// The charts: the first row of the first has the 主席台, the second
	// has it last and its seats in the opposite order.
	var tables []xTable
	for _, it := range d.doc.Body.Items {
		if tb, ok := it.(xTable); ok {
			tables = append(tables, tb)
		}
	}
	cellText := func(tb xTable, r, c int) string { return tb.Rows[r].Cells[c].Paras[0].text() }
	seats, podium := tables[0], tables[1]
	if cellText(seats, 0, 1) != "主　席　台" || cellText(podium, len(podium.Rows)-1, 1) != "主　席　台" {
		t.Error("the 主席台 is not above the first chart and below the second")
	}
	n := len(seats.Rows[1].Cells)
	for c := 1; c < n; c++ {
		if a, b := cellText(seats, 1, c), cellText(podium, 0, n-c); a != b {
			t.Errorf("seat %d: %q from the seats, %q from the podium", c, a, b)
		}
	}

	text, err := DOCXText(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"区委书记　张三", "授旗名单", "发言顺序（座次顺序）", "主持词", k.Host[1], "沿虚线对折"} {
		if !strings.Contains(text, s) {
			t.Errorf("kit lacks %q", s)
		}
	}
	// Each placard names its unit twice: upright and turned round.
	for _, p := range k.Chart.Seats {
		if c := strings.Count(text, p.Unit.Name+"\n"); c < 3 { // the chart, the podium's chart, the placard's two halves
			t.Errorf("%s printed %d times", p.Unit.Name, c)
		}
	}
	// Turned in the DrawingML shape and in its VML fallback, as Word
	// writes a shape (mc:AlternateContent).
	doc := d.parts["word/document.xml"]
	for _, turned := range []string{`<a:xfrm rot="10800000">`, `rotation:180;`} {
		if c := bytes.Count(doc, []byte(turned)); c != len(k.Chart.Seats) {
			t.Errorf("%d placard halves turned 180° (%s), want %d", c, turned, len(k.Chart.Seats))
		}
	}
}

// TestDOCXIsDeterministic: the same document gives the same bytes, so the
// expected files compare and a re-export does not look changed.
func TestDOCXIsDeterministic(t *testing.T) {
	bl := bulletinOf(t, "2023Q3", nil, model.DocOptions{Date: "2023年11月7日"})
	a, err := BulletinDOCX(bl)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := BulletinDOCX(bl)
	if !bytes.Equal(a, b) {
		t.Error("two renderings differ")
	}
}

// TestDOCXEscapesText: text that looks like markup stays text.
func TestDOCXEscapesText(t *testing.T) {
	bl := bulletinOf(t, "2023Q3", nil, model.DocOptions{})
	bl.Opening = `<w:p>&amp; "引号" ]]> </w:body>`
	bl.Title = `A & B <c>`
	data, err := BulletinDOCX(bl)
	if err != nil {
		t.Fatal(err)
	}
	readDOCX(t, data) // every part well formed
	text, err := DOCXText(data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, bl.Opening) {
		t.Errorf("opening not kept as text:\n%s", text)
	}
}

// TestGoldenAnnualBulletin renders the demo's annual bulletin of 2023 in
// every format it has.
func TestGoldenAnnualBulletin(t *testing.T) {
	_, rs := demoResults()
	bl, err := model.AnnualBulletinOf(model.AnnualView(2023, rs, rs), model.DocOptions{Date: "2024年1月15日"})
	if err != nil {
		t.Fatal(err)
	}
	doc := Document{Kind: model.ExportBulletin, Bulletin: &bl}
	for _, f := range FormatsFor(model.ExportBulletin) {
		t.Run(string(f), func(t *testing.T) {
			got, err := Render(doc, f)
			if err != nil {
				t.Fatal(err)
			}
			name := "demo-2023-bulletin." + string(f)
			if f == DOCX {
				got, name = readableXML(readDOCX(t, got).parts["word/document.xml"]), name+".xml"
			}
			golden.Check(t, filepath.Join("testdata", name), got)
		})
	}
}

// TestGoldenDOCX keeps the demo's documents as expected files: the
// document part with a line per paragraph and table row, so a change of
// layout or wording shows as a diff.
func TestGoldenDOCX(t *testing.T) {
	for _, name := range []string{"bulletin", "kit"} {
		t.Run(name, func(t *testing.T) {
			got, err := Render(demoDocument(t, name, "2023Q4"), DOCX)
			if err != nil {
				t.Fatal(err)
			}
			d := readDOCX(t, got)
			golden.Check(t, filepath.Join("testdata", "demo-"+name+".docx.xml"), readableXML(d.parts["word/document.xml"]))
		})
	}
}

// readableXML breaks a document part after each paragraph and row.
func readableXML(b []byte) []byte {
	s := string(b)
	for _, end := range []string{"</w:p>", "</w:tr>", "<w:tbl>", "</w:tbl>", "<w:body>"} {
		s = strings.ReplaceAll(s, end, end+"\n")
	}
	return []byte(s)
}

// TestKitDOCXLongRow: a row of 200 seats (the default layout for 200
// units) goes on in bands of at most 20 seats, as Word's tables hold at
// most 63 columns.
func TestKitDOCXLongRow(t *testing.T) {
	_, rs := bigData()
	k, err := model.KitOf(resultOf(t, rs, "2023Q4"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := KitDOCX(k)
	if err != nil {
		t.Fatal(err)
	}
	d := readDOCX(t, data)
	seats := 0
	for _, it := range d.doc.Body.Items {
		tb, ok := it.(xTable)
		if !ok {
			continue
		}
		for _, r := range tb.Rows {
			if len(r.Cells) > 63 {
				t.Fatalf("a table row of %d cells", len(r.Cells))
			}
			if len(r.Cells) > 2 && r.Cells[0].Paras[0].text() == "第1排" {
				seats += len(r.Cells) - 1
			}
		}
	}
	if seats != 2*200 { // both charts
		t.Errorf("%d seats drawn, want 400", seats)
	}
}

// TestKitHTMLStructure: the kit's print file has the chart from the seats
// (主席台 above) and from the podium (主席台 below, the seats turned
// round), a placard per unit with its 出席人 and 职务 on both halves, the
// 授旗名单, the order of speaking and the 主持词 on portrait sheets.
func TestKitHTMLStructure(t *testing.T) {
	k := demoKit(t)
	data, err := KitHTML(k)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	charts := regexp.MustCompile(`(?s)<section class="page chart">(.*?)</section>`).FindAllStringSubmatch(got, -1)
	if len(charts) != 2 {
		t.Fatalf("%d charts, want 2", len(charts))
	}
	names := regexp.MustCompile(`<div class="sname"[^>]*>([^<]*)</div>`)
	seen := func(s string) []string {
		var out []string
		for _, m := range names.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return out
	}
	fromSeats, fromPodium := seen(charts[0][1]), seen(charts[1][1])
	slices.Reverse(fromPodium)
	if !slices.Equal(fromSeats, fromPodium) || len(fromSeats) != len(k.Chart.Seats) {
		t.Errorf("from the seats %v, from the podium reversed %v", fromSeats, fromPodium)
	}
	podium := `<div class="podium">主席台</div>`
	if c := charts[0][1]; strings.Index(c, podium) > strings.Index(c, `class="row"`) {
		t.Error("the 主席台 is not above the seats in the first chart")
	}
	if c := charts[1][1]; strings.Index(c, podium) < strings.LastIndex(c, `class="row"`) || !strings.Contains(c, ChartViewFromPodium) {
		t.Error("the 主席台 is not below the seats in the second chart")
	}
	placards := regexp.MustCompile(`(?s)<section class="page placard">(.*?)</section>`).FindAllStringSubmatch(got, -1)
	if len(placards) != len(k.Chart.Seats) {
		t.Fatalf("%d placards, want %d", len(placards), len(k.Chart.Seats))
	}
	people := 0
	for _, p := range placards {
		people += strings.Count(p[1], `<span class="person">区委书记　张三</span>`)
	}
	if people != 2 {
		t.Errorf("the 出席人 and 职务 appear %d times on the placards, want 2 (both halves)", people)
	}
	for _, s := range []string{"<h1>授旗名单</h1>", "<h2>发言顺序（座次顺序）</h2>", "<h1>主持词</h1>", `<p class="noindent">同志们：</p>`, "@page list { size: A4 portrait;"} {
		if !strings.Contains(got, s) {
			t.Errorf("kit lacks %q", s)
		}
	}
}

// FuzzDOCXText: whatever a name or sentence holds, every part of the DOCX
// is well formed XML and the text reads back as Render made it safe.
// `go test -run '^$' -fuzz FuzzDOCXText -fuzztime 30s ./exchange/`.
func FuzzDOCXText(f *testing.F) {
	for _, s := range []string{"市南区", "<w:p>&amp;]]>", "\x1b[31m红\x00\x7f\r\n", "\ufffe\uffff\xff", strings.Repeat("长", 300)} {
		f.Add(s)
	}
	bl := bulletinOf(f, "2023Q3", nil, model.DocOptions{})
	f.Fuzz(func(t *testing.T, s string) {
		b := bl
		b.Opening, b.Committee = s, s
		b.Body = append([]model.Block{{Level: 2, Text: s}, {Table: &model.Table{Header: []string{s}, Rows: [][]model.Cell{{{Text: s}}}}}}, b.Body...)
		data, err := Render(Document{Kind: model.ExportBulletin, Bulletin: &b}, DOCX)
		if err != nil {
			t.Fatal(err)
		}
		readDOCX(t, data)
		text, err := DOCXText(data)
		if err != nil {
			t.Fatal(err)
		}
		// Characters XML cannot hold (U+FFFE …) are written as U+FFFD.
		want := strings.Map(func(r rune) rune {
			if r == 0xFFFE || r == 0xFFFF || r >= 0xD800 && r < 0xE000 {
				return 0xFFFD
			}
			return r
		}, model.SafeText(s))
		if utf8.ValidString(want) && !strings.ContainsAny(want, "\t\n\r") && !strings.Contains(text, want) {
			t.Errorf("%q does not read back", want)
		}
	})
}

// schemaOrder lists, for the elements whose children the WordprocessingML
// schema (ECMA-376, transitional) puts in a fixed sequence, the children
// starflag writes in that order. Word refuses a file with them out of
// order where LibreOffice reads it anyway, so LibreOffice alone would not
// catch it; a child not listed fails too, so a new one is looked up.
var schemaOrder = map[string][]string{
	"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "pBdr", "shd", "tabs",
		"autoSpaceDE", "autoSpaceDN", "snapToGrid", "spacing", "ind", "jc", "outlineLvl", "rPr", "sectPr"},
	"rPr":      {"rStyle", "rFonts", "b", "bCs", "color", "spacing", "kern", "sz", "szCs", "lang"},
	"tblPr":    {"tblStyle", "tblW", "jc", "tblBorders", "shd", "tblLayout", "tblCellMar"},
	"tcPr":     {"tcW", "gridSpan", "tcBorders", "shd", "vAlign"},
	"sectPr":   {"footerReference", "pgSz", "pgMar", "pgNumType", "docGrid"},
	"settings": {"zoom", "defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "compat", "themeFontLang"},
	"style":    {"name", "basedOn", "qFormat", "pPr", "rPr"},
	"font":     {"altName", "charset", "family", "pitch"},
	"anchor": {"simplePos", "positionH", "positionV", "extent", "effectExtent", "wrapNone", "docPr",
		"cNvGraphicFramePr", "graphic"},
	"wsp":        {"cNvSpPr", "cNvCnPr", "spPr", "txbx", "bodyPr"},
	"spPr":       {"xfrm", "prstGeom", "noFill", "ln"},
	"tblBorders": {"top", "left", "bottom", "right", "insideH", "insideV"},
	"tcBorders":  {"top", "left", "bottom", "right"},
	"pBdr":       {"top", "left", "bottom", "right"},
	"tblCellMar": {"top", "left", "bottom", "right"},
}

// TestDOCXElementOrder checks every part of the demo's documents against
// schemaOrder.
func TestDOCXElementOrder(t *testing.T) {
	var docs [][]byte
	for _, kind := range []string{"bulletin", "kit"} {
		data, err := Render(demoDocument(t, kind, "2023Q4"), DOCX)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, data)
	}
	full, err := BulletinDOCX(bulletinOf(t, "2023Q3", func(r *model.Rules) {
		r.Docs = model.DocSettings{Addressee: "主送", Number: "字号", CopyTo: "抄送", Issuer: "印发机关"}
	}, model.DocOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range append(docs, full) {
		for name, part := range readDOCX(t, data).parts {
			if !strings.HasSuffix(name, ".xml") {
				continue
			}
			dec := xml.NewDecoder(bytes.NewReader(part))
			type open struct {
				name string
				last int // index in schemaOrder of the last child seen
			}
			var stack []open
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				} else if err != nil {
					t.Fatal(err)
				}
				switch e := tok.(type) {
				case xml.StartElement:
					if n := len(stack); n > 0 {
						if order, ok := schemaOrder[stack[n-1].name]; ok {
							i := slices.Index(order, e.Name.Local)
							switch {
							case i < 0:
								t.Errorf("%s: <%s> in <%s> is not in schemaOrder", name, e.Name.Local, stack[n-1].name)
							case i < stack[n-1].last:
								t.Errorf("%s: <%s> after <%s> in <%s>", name, e.Name.Local, order[stack[n-1].last], stack[n-1].name)
							default:
								stack[n-1].last = i
							}
						}
					}
					stack = append(stack, open{name: e.Name.Local})
				case xml.EndElement:
					stack = stack[:len(stack)-1]
				}
			}
		}
	}
}

// TestDOCXTableNarrowsItsWidestColumns: a table wider than the page (the
// annual flag wall with four flags named in full) narrows its widest
// columns to one width (their headings wrap) and keeps the others as wide
// as their text; before, every column shrank alike, so 第009区 and 县域争先
// were broken in the middle too.
func TestDOCXTableNarrowsItsWidestColumns(t *testing.T) {
	tb := model.Table{Header: []string{"区市", "真抓实干、勇当排头", "县域争先", "加压奋进、进位赶超", "营商环境之星", "合计"}}
	tb.Rows = [][]model.Cell{{{Text: "第009区"}, {Text: "2"}, {Text: "1"}, {Text: "0"}, {Text: "0"}, {Text: "3"}}}
	full := columnWidths(tb, 1<<30)
	cols := columnWidths(tb, textWidth)
	total := 0
	for _, w := range cols {
		total += w
	}
	if total > textWidth {
		t.Errorf("columns %v are %d twips wide, more than the text's %d", cols, total, textWidth)
	}
	for _, i := range []int{0, 2, 5} {
		if cols[i] != full[i] {
			t.Errorf("column %q is %d twips, want all of its text's %d (columns %v)", tb.Header[i], cols[i], full[i], cols)
		}
	}
	if cols[1] != cols[3] || cols[1] != cols[4] || cols[1] >= full[4] {
		t.Errorf("the three widest columns are %v, want one width under %d", cols, full[4])
	}
}

// TestSeatsHTMLLongRowInBands: in the print files (the seats page and the
// kit), a row longer than maxChartColumns seats goes on in bands of at most
// that many, as the kit's DOCX chart does; before, 200 seats in one row
// were drawn a millimetre wide each and ran off the sheet.
func TestSeatsHTMLLongRowInBands(t *testing.T) {
	_, rs := bigData()
	r := resultOf(t, rs, "2023Q4")
	k, err := model.KitOf(r)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := model.SeatsTable(r)
	seatsPage, err := SeatsHTML(k.Chart, list)
	if err != nil {
		t.Fatal(err)
	}
	kit, err := KitHTML(k)
	if err != nil {
		t.Fatal(err)
	}
	for name, page := range map[string][]byte{"seats": seatsPage, "kit": kit} {
		s := string(page)
		if n := strings.Count(s, "repeat(200,"); n > 0 {
			t.Errorf("%s: %d rows of 200 seats", name, n)
		}
		if strings.Count(s, "repeat(20,") == 0 {
			t.Errorf("%s: no band of 20 seats", name)
		}
		if n, want := strings.Count(s, `<div class="seat">`), 200*strings.Count(s, `<div class="podium">`); n != want {
			t.Errorf("%s: %d seats drawn, want %d", name, n, want)
		}
	}
}

// TestDOCXRecordKeepsTheDateWhole: the 版记's last line has the 印发机关
// at the left and the date at the right; when both do not fit on one line
// (a long 印发机关), the date goes whole to the right of the next line
// instead of being broken in two (2023年 | 12月31日印发).
func TestDOCXRecordKeepsTheDateWhole(t *testing.T) {
	for issuer, want := range map[string]string{
		"市考核办": "市考核办2023年11月7日印发",
		"中共青岛市委青岛市人民政府综合考核工作领导小组办公室": "中共青岛市委青岛市人民政府综合考核工作领导小组办公室\n2023年11月7日印发",
	} {
		bl := bulletinOf(t, "2023Q3", func(r *model.Rules) { r.Docs = model.DocSettings{Issuer: issuer} }, model.DocOptions{Date: "2023年11月7日"})
		data, err := BulletinDOCX(bl)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, p := range readDOCX(t, data).doc.paras() {
			if p.style() == "SFRecord" {
				got = p.text()
			}
		}
		if got != want {
			t.Errorf("issuer %s: the 版记's line is %q, want %q", issuer, got, want)
		}
	}
}

// TestBulletinHTMLRecordDateAtTheRight: in the print HTML, as in the DOCX,
// the 版记's 印发 date stands at the right of its line (GB/T 9704 7.4.3),
// not run on after the 印发机关; the 抄送 line stays whole.
func TestBulletinHTMLRecordDateAtTheRight(t *testing.T) {
	bl := bulletinOf(t, "2023Q3", func(r *model.Rules) { r.Docs = model.DocSettings{Issuer: "市考核办", CopyTo: "市委办公厅"} }, model.DocOptions{Date: "2023年11月7日"})
	data, err := BulletinHTML(bl)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<p>市考核办<span class="issued">2023年11月7日印发</span></p>`, `<p>抄送：市委办公厅。</p>`, `.issued { float: right; }`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the bulletin's HTML lacks %s", want)
		}
	}
}
