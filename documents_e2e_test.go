package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"starflag/exchange"
	"starflag/internal/golden"
	"starflag/model"
)

// documentPart is the document.xml of a DOCX with a line per paragraph and
// table row, as the exchange package keeps its expected files.
func documentPart(t *testing.T, path string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, end := range []string{"</w:p>", "</w:tr>", "<w:tbl>", "</w:tbl>", "<w:body>"} {
			s = strings.ReplaceAll(s, end, end+"\n")
		}
		return []byte(s)
	}
	t.Fatalf("%s has no word/document.xml", path)
	return nil
}

// docxText is what a DOCX file says, paragraph by paragraph.
func docxText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := exchange.DOCXText(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

// exportDocuments writes the demo's documents through the built binary
// into dir: the 2023Q4 bulletin as 文件 and 简报, the annual bulletin of
// 2023 and the meeting kit, each as DOCX, and the kit as HTML.
func exportDocuments(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for name, args := range map[string][]string{
		"bulletin.docx":       {"bulletin", "--quarter", "2023Q4", "--date", "2023-12-31"},
		"bulletin-brief.docx": {"bulletin", "--quarter", "2023Q4", "--date", "2023-12-31", "--version", "简报"},
		"annual.docx":         {"bulletin", "--year", "2023", "--date", "2024-01-15"},
		"kit.docx":            {"kit", "--quarter", "2023Q4"},
		"kit.html":            {"kit", "--quarter", "2023Q4"},
	} {
		out := filepath.Join(dir, name)
		// No --format: the extension of -o chooses it.
		r := mustRun(t, append([]string{"--demo", "export"}, append(args, "-o", out)...)...)
		if !strings.Contains(r.stderr, "已导出到") || strings.Contains(r.stderr, "留空") {
			t.Errorf("%s: stderr %q", name, r.stderr)
		}
		files[name] = out
	}
	return files
}

// TestExportDocumentsThroughTheCommand: the command line writes the same
// documents the exchange package renders from the demo data (its expected
// files), the 简报 with its own title, the annual bulletin of the year.
func TestExportDocumentsThroughTheCommand(t *testing.T) {
	files := exportDocuments(t, t.TempDir())
	golden.Equal(t, filepath.Join("exchange", "testdata", "demo-bulletin.docx.xml"), documentPart(t, files["bulletin.docx"]))
	golden.Equal(t, filepath.Join("exchange", "testdata", "demo-kit.docx.xml"), documentPart(t, files["kit.docx"]))
	golden.Equal(t, filepath.Join("exchange", "testdata", "demo-2023-bulletin.docx.xml"), documentPart(t, files["annual.docx"]))
	kit, err := os.ReadFile(files["kit.html"])
	if err != nil {
		t.Fatal(err)
	}
	golden.Equal(t, filepath.Join("exchange", "testdata", "demo-kit.html"), kit)

	brief := docxText(t, files["bulletin-brief.docx"])
	if !strings.HasPrefix(brief, "2023年四季度全市经济运行\n及重点工作“摘星夺旗”考核结果\n") || strings.Contains(brief, "关于") {
		t.Errorf("the 简报's title:\n%s", brief)
	}
	r := mustRun(t, "--demo", "export", "bulletin", "--year", "2023", "--format", "md", "--date", "2024-01-15")
	golden.Equal(t, filepath.Join("exchange", "testdata", "demo-2023-bulletin.md"), []byte(r.stdout))
}

// TestExportBulletinDateRule: without --date a bulletin is signed today
// only when its quarter ended at most 90 days ago; otherwise the draft
// leaves the date blank and the command says so on stderr.
func TestExportBulletinDateRule(t *testing.T) {
	r := mustRun(t, "--demo", "export", "bulletin", "--quarter", "2023Q4", "--format", "txt")
	if !strings.Contains(r.stdout, model.DateBlank+"\n") || !strings.Contains(r.stderr, "成文日期留空") || !strings.Contains(r.stderr, "--date") {
		t.Errorf("an old quarter's draft: stderr %q\n%s", r.stderr, r.stdout)
	}
	r = mustRun(t, "--demo", "export", "bulletin", "--year", "2023", "--format", "txt")
	if !strings.Contains(r.stdout, model.DateBlank+"\n") || !strings.Contains(r.stderr, "成文日期留空") {
		t.Errorf("an old year's draft: stderr %q", r.stderr)
	}

	// The quarter that ended last, scored from the test file.
	now := time.Now()
	q := model.QuarterOf(now).Prev()
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, "--db", db, "import", "--quarter", q.String(), "testdata/cli/2023Q1.csv")
	r = mustRun(t, "--db", db, "export", "bulletin", "--quarter", q.String(), "--format", "txt")
	days := int(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).Sub(q.LastDay()).Hours() / 24)
	today := model.ChineseDate(now)
	if days <= model.DateWindow {
		if !strings.Contains(r.stdout, today+"\n") || r.stderr != "" {
			t.Errorf("%s ended %d days ago: want %s; stderr %q", q, days, today, r.stderr)
		}
	} else if !strings.Contains(r.stdout, model.DateBlank) {
		t.Errorf("%s ended %d days ago: want the blank", q, days)
	}
	r = mustRun(t, "--db", db, "export", "bulletin", "--quarter", q.String(), "--format", "txt", "--date", q.LastDay().AddDate(0, 0, 7).Format("2006-01-02"))
	if want := model.ChineseDate(q.LastDay().AddDate(0, 0, 7)); !strings.Contains(r.stdout, want+"\n") || r.stderr != "" {
		t.Errorf("--date: want %s; stderr %q", want, r.stderr)
	}
}

// TestDocumentExportsKeepTheFileGuards: DOCX and the kit go through the
// export's one path: never onto the database, an existing file only with
// --force, a regular file left behind.
func TestDocumentExportsKeepTheFileGuards(t *testing.T) {
	db := soundDB(t)
	dir := t.TempDir()
	for _, args := range [][]string{{"bulletin", "--format", "docx"}, {"kit", "--format", "docx"}, {"kit", "--format", "html"}} {
		export := func(out string, force bool) result {
			a := append([]string{"--db", db, "export"}, args...)
			a = append(a, "--quarter", "2023Q1", "-o", out)
			if force {
				a = append(a, "--force")
			}
			return starflag(t, a...)
		}
		before := stateOf(t, db)
		wantRefusal(t, export(db, true), db, "未做任何改动")
		before.same(t, db)

		old := filepath.Join(dir, "旧."+args[2])
		if err := os.WriteFile(old, []byte("旧内容"), 0o600); err != nil {
			t.Fatal(err)
		}
		wantRefusal(t, export(old, false), old, "已存在", "--force")
		if r := export(old, true); r.code != 0 {
			t.Fatalf("%v --force: exit %d: %s", args, r.code, r.stderr)
		}
		fi, err := os.Lstat(old)
		if err != nil || !fi.Mode().IsRegular() {
			t.Fatalf("%v: %v %v", args, fi, err)
		}
		if b, _ := os.ReadFile(old); bytes.Equal(b, []byte("旧内容")) {
			t.Errorf("%v: --force did not replace the file", args)
		}
	}
}

// TestDocumentsConvertWithLibreOffice: LibreOffice, when installed,
// converts each DOCX to PDF without error, and the PDF has the title's
// lines as BreakTitle broke them and the page number "— 1 —". It is large
// and CI does not install it: without soffice the test skips.
func TestDocumentsConvertWithLibreOffice(t *testing.T) {
	dir := t.TempDir()
	files := exportDocuments(t, dir)
	var docs []string
	for name, p := range files {
		if strings.HasSuffix(name, ".docx") {
			docs = append(docs, p)
		}
	}
	pdftotext, _ := exec.LookPath("pdftotext")
	for p, pdf := range sofficePDF(t, docs...) {
		if fi, err := os.Stat(pdf); err != nil || fi.Size() < 1000 {
			t.Errorf("%s: no PDF (%v)", filepath.Base(p), err)
			continue
		}
		if pdftotext == "" || filepath.Base(p) == "kit.docx" {
			continue
		}
		text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		// pdftotext puts spaces between Latin and Chinese text and
		// drops others: compare without them.
		noSpace := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "\u3000", "") }
		lines := strings.Split(docxText(t, p), "\n")
		got := "\n" + noSpace(string(text)) + "\n"
		for _, want := range append(lines[:2:2], "—1—", "—2—") {
			if !strings.Contains(got, "\n"+noSpace(want)+"\n") {
				t.Errorf("%s: the PDF lacks the line %q:\n%s", filepath.Base(p), want, text)
			}
		}
	}
}

// TestExportFormatWithoutFormatFlag: without --format a table is CSV as it
// always was, whatever -o is called; the bulletin and the kit, which have
// no CSV, take -o's extension, else their first format (md, html).
func TestExportFormatWithoutFormatFlag(t *testing.T) {
	dir := t.TempDir()
	// A table takes the format -o's extension names (排名.xlsx is a
	// workbook Excel opens, not CSV under an .xlsx name), else CSV.
	for name, want := range map[string]string{
		"排名.csv": "\ufeff季度,名次", "排名.dat": "\ufeff季度,名次", "排名": "\ufeff季度,名次",
		"排名.xlsx": "PK\x03\x04", "排名.html": "<!DOCTYPE html>", "排名.HTM": "<!DOCTYPE html>", "排名.md": "# ",
	} {
		out := filepath.Join(dir, name)
		mustRun(t, "--demo", "export", "ranking", "--quarter", "2023Q4", "-o", out)
		if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte(want)) {
			t.Errorf("ranking -o %s without --format: %.40q, want it to start %q", name, b, want)
		}
	}
	// The refusal's example is the user's own name with a format the kind
	// has, never the refused one or another quarter's file.
	for _, c := range []struct{ args, want string }{
		{"ranking --quarter 2023Q3 -o 排名.docx", "排名.csv"},
		{"kit --quarter 2023Q3 -o 材料.xlsx", "材料.html"},
	} {
		args := append([]string{"--demo", "export"}, strings.Fields(c.args)...)
		args[len(args)-1] = filepath.Join(dir, args[len(args)-1])
		r := starflag(t, args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) || strings.Contains(r.stderr, "2023Q4") {
			t.Errorf("export %s: exit %d, %q; want exit 2 suggesting %s", c.args, r.code, r.stderr, c.want)
		}
	}
	for args, want := range map[string]string{
		"bulletin --quarter 2023Q4 --date 2023-12-31": "# 青岛市综合考核委员会关于",
		"kit --quarter 2023Q4":                        "<!DOCTYPE html>",
	} {
		r := mustRun(t, append([]string{"--demo", "export"}, strings.Fields(args)...)...)
		if !strings.HasPrefix(r.stdout, want) {
			t.Errorf("%s: %.60q, want %q", args, r.stdout, want)
		}
	}
}

// TestBulletinHTMLPrintsAtFullSize: Chromium, when installed, prints the
// bulletin's HTML at full size: nothing overflows the A4 sheet (a browser
// shrinks a page that does to fit, and the 3号 body no longer holds 28
// characters to a line), and the page numbers are printed. It skips
// without chromium or pdftotext.
func TestBulletinHTMLPrintsAtFullSize(t *testing.T) {
	browser, pdftotext := printTools(t)
	dir := t.TempDir()
	html, pdf := filepath.Join(dir, "通报.html"), filepath.Join(dir, "通报.pdf")
	mustRun(t, "--demo", "export", "bulletin", "--quarter", "2023Q4", "--date", "2023-12-31", "-o", html)
	printPDF(t, browser, html, pdf)
	text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(text), "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "近期，根据") {
			// 28 characters of 3号 to a line: the digits of 2023 are narrow,
			// so a line holds at most 30 runes.
			if n := len([]rune(l)); n > 30 || n < 24 {
				t.Errorf("the opening's first line holds %d characters, want 28: %q", n, l)
			}
		}
	}
	if !strings.Contains(strings.ReplaceAll(string(text), " ", ""), "—1—") {
		t.Errorf("no page number:\n%s", text)
	}
}

// TestDocumentExportRefusesAMisleadingExtension: without --format the
// bulletin and the kit take -o's extension; an extension they cannot be
// written as (kit -o 材料.xlsx, bulletin -o 通报.pdf) is refused with the
// formats they have, instead of HTML or Markdown under a name Excel or a
// PDF reader will not open. No file is written.
func TestDocumentExportRefusesAMisleadingExtension(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ kind, name string }{
		{"kit", "材料.xlsx"}, {"kit", "材料.pdf"}, {"bulletin", "通报.pdf"}, {"bulletin", "通报.doc"}, {"bulletin", "通报.csv"},
	} {
		out := filepath.Join(dir, c.name)
		r := starflag(t, "--demo", "export", c.kind, "--quarter", "2023Q4", "--date", "2023-12-31", "-o", out)
		if r.code != 2 || !strings.Contains(r.stderr, filepath.Ext(c.name)) || !strings.Contains(r.stderr, "docx") {
			t.Errorf("%s -o %s: exit %d, want 2 naming the extension and the formats: %q", c.kind, c.name, r.code, r.stderr)
		}
		if _, err := os.Lstat(out); err == nil {
			t.Errorf("%s -o %s wrote the file", c.kind, c.name)
		}
	}
	// Without an extension, or with --format, it is written as before; .htm
	// is HTML.
	mustRun(t, "--demo", "export", "kit", "--quarter", "2023Q4", "-o", filepath.Join(dir, "材料"))
	mustRun(t, "--demo", "export", "bulletin", "--quarter", "2023Q4", "--date", "2023-12-31", "-o", filepath.Join(dir, "通报.htm"))
	if b, _ := os.ReadFile(filepath.Join(dir, "通报.htm")); !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Errorf("bulletin -o 通报.htm: %.40q, want HTML", b)
	}
	mustRun(t, "--demo", "export", "bulletin", "--quarter", "2023Q4", "--date", "2023-12-31", "--format", "md", "-o", filepath.Join(dir, "通报.txt.bak"))
}

// TestSigningDateTakesWhatTalkTakes: --date of a document accepts the ways
// of writing a date that talk --date does (2023-10-5, 2023/10/5, 2023.10.5,
// 2023年10月5日, full-width digits), and still refuses a day that does not
// exist.
func TestSigningDateTakesWhatTalkTakes(t *testing.T) {
	q := model.Quarter{Year: 2023, Q: 3}
	now := time.Date(2023, 10, 10, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2023-10-05", "2023-10-5", "2023/10/5", "2023.10.05", "2023年10月5日", "２０２３－１０－５", " 2023-10-5 "} {
		got, err := signingDate(s, q, false, now)
		if err != nil || got != "2023年10月5日" {
			t.Errorf("--date %q: %q %v, want 2023年10月5日", s, got, err)
		}
	}
	for _, s := range []string{"2023-2-30", "2023-02-30", "2023-13-1", "10/5/2023", "2023-10"} {
		if got, err := signingDate(s, q, false, now); err == nil {
			t.Errorf("--date %q: %q, want a refusal", s, got)
		}
	}
}

// TestNamesWithDigitsFitWithLibreOffice: unit names mixing Chinese and
// digits (第001区, as the large demo has, or 第1组) are printed whole by
// LibreOffice, which sets the digits wider and puts a gap between them and
// the Chinese: each name on one line in the bulletin's tables (ranking and
// stars) and in the kit's two charts, its speakers list and both halves of
// its placard. Before, the tables and charts broke 第001 | 区 and a
// placard lost its 区 off the sheet. Skips without LibreOffice or pdftotext.
func TestNamesWithDigitsFitWithLibreOffice(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "--units", "12", "--years", "1", "-o", db)
	bulletin, kit := filepath.Join(dir, "bulletin.docx"), filepath.Join(dir, "kit.docx")
	mustRun(t, "--db", db, "export", "bulletin", "--quarter", "2023Q4", "--date", "2023-12-31", "-o", bulletin)
	mustRun(t, "--db", db, "export", "kit", "--quarter", "2023Q4", "-o", kit)
	pdfs := sofficePDF(t, bulletin, kit)
	for doc, least := range map[string]int{bulletin: 2, kit: 5} {
		text, err := exec.Command(pdftotext, pdfs[doc], "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(text), " ", "") // pdftotext's gap between digits and Chinese
		for i := 1; i <= 12; i++ {
			name := fmt.Sprintf("第%03d区", i)
			if n := strings.Count(s, name); n < least {
				t.Errorf("%s: %s printed whole %d times, want at least %d", filepath.Base(doc), name, n, least)
			}
		}
	}
}

// TestExportNotesGoToRunsStderr: export's notes (已导出到, the blank
// 成文日期) go to the stderr run is given, as every message of run does,
// not to the process's own: an in-process caller sees them, and stdout
// holds only the export.
func TestExportNotesGoToRunsStderr(t *testing.T) {
	out := filepath.Join(t.TempDir(), "通报.md")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--demo", "export", "bulletin", "--quarter", "2023Q1", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.Len() != 0 || !strings.Contains(stderr.String(), "已导出到") || !strings.Contains(stderr.String(), "成文日期留空") {
		t.Errorf("stdout %q, stderr %q: want the notes on stderr", stdout.String(), stderr.String())
	}
}

// TestKitHTMLChartTextDoesNotOverlap: Chromium, when installed, prints the
// kit's chart of 20 seats in a row (a district of 20 streets) with no two
// words overlapping: each seat's 座次 and 名次 stay inside it. Before, the
// line "座次 20 · 名次 13" ran on under the next seat. Skips without
// chromium or pdftotext.
func TestKitHTMLChartTextDoesNotOverlap(t *testing.T) {
	browser, pdftotext := printTools(t)
	dir := t.TempDir()
	db, html, pdf := filepath.Join(dir, "demo.db"), filepath.Join(dir, "kit.html"), filepath.Join(dir, "kit.pdf")
	mustRun(t, "demo", "--units", "20", "--years", "1", "-o", db)
	mustRun(t, "--db", db, "export", "kit", "--quarter", "2023Q4", "-o", html)
	printPDF(t, browser, html, pdf)
	out, err := exec.Command(pdftotext, "-bbox", "-f", "1", "-l", "1", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	type box struct {
		x0, y0, x1, y1 float64
		word           string
	}
	var words []box
	for _, m := range regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`).FindAllStringSubmatch(string(out), -1) {
		var b box
		fmt.Sscan(m[1]+" "+m[2]+" "+m[3]+" "+m[4], &b.x0, &b.y0, &b.x1, &b.y1)
		b.word = m[5]
		words = append(words, b)
	}
	if len(words) < 100 {
		t.Fatalf("%d words on the chart's page", len(words))
	}
	for i, a := range words {
		for _, b := range words[i+1:] {
			// pdftotext's boxes are a line high: words overlap when their
			// boxes share more than a hair across and half a line down.
			if a.x0 < b.x1-0.5 && b.x0 < a.x1-0.5 && min(a.y1, b.y1)-max(a.y0, b.y0) > min(a.y1-a.y0, b.y1-b.y0)/2 {
				t.Errorf("%q and %q overlap on the chart", a.word, b.word)
			}
		}
	}
}

// printTools are the paths of a headless Chromium-like browser and of
// pdftotext; without either the test skips.
func printTools(t *testing.T) (browser, pdftotext string) {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if browser == "" || err != nil {
		t.Skip("chromium or pdftotext is not installed")
	}
	return browser, pdftotext
}

// printPDF prints the HTML file html to pdf with the headless browser.
func printPDF(t *testing.T, browser, html, pdf string) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+pdf, "file://"+filepath.ToSlash(html))
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
}

// TestExportRefusesQuarterAndYear: the bulletin is the quarter's with
// --quarter and the year's with --year; given both, it says so (exit 2)
// instead of writing the quarter's. Before, bulletin --year 2023 --quarter
// 2023Q4 wrote the quarterly bulletin to a user who may have meant the
// annual one. Other kinds ignore the option they do not use, as they did
// (scripts pass the same options to every kind, as
// TestDemoExportEveryKindTextFormats passes --date).
func TestExportRefusesQuarterAndYear(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bulletin", "--quarter", "2023Q4", "--year", "2023"}, "--year 2023"},
		{[]string{"bulletin", "--year", "2023", "--quarter", "2023Q4", "--format", "html"}, "--quarter 2023Q4"},
	} {
		r := starflag(t, append([]string{"--demo", "export"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %.40q, stderr %q; want exit 2 naming %s", c.args, r.code, r.stdout, r.stderr, c.want)
		}
	}
}

// TestSeatsHTMLKeepsEachRowOnOnePage: Chromium, when installed, prints the
// seats page of 200 units (ten bands of 20) without cutting a row of seats
// across two sheets: on each page every row label has its 20 seat numbers.
// Before, the sixth band was cut at the foot of the first sheet. Skips
// without chromium or pdftotext.
func TestSeatsHTMLKeepsEachRowOnOnePage(t *testing.T) {
	browser, pdftotext := printTools(t)
	dir := t.TempDir()
	db, html, pdf := filepath.Join(dir, "demo.db"), filepath.Join(dir, "seats.html"), filepath.Join(dir, "seats.pdf")
	mustRun(t, "demo", "--units", "200", "--years", "1", "-o", db)
	mustRun(t, "--db", db, "export", "seats", "--quarter", "2023Q4", "--format", "html", "-o", html)
	printPDF(t, browser, html, pdf)
	seat := regexp.MustCompile(`^\d+座$`)
	rows := 0
	for page := 1; page <= 3; page++ {
		out, err := exec.Command(pdftotext, "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		labels, seats := 0, 0
		for _, w := range strings.Fields(string(out)) {
			switch {
			case w == "第1排":
				labels++
			case seat.MatchString(w):
				seats++
			}
		}
		if seats != 20*labels {
			t.Errorf("page %d: %d row labels and %d seat numbers, want 20 to a label", page, labels, seats)
		}
		rows += labels
	}
	if rows != 10 {
		t.Errorf("%d rows of seats on the first pages, want the 10 bands", rows)
	}
}
