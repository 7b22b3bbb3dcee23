package model

import (
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets: `go test -run '^$' -fuzz FuzzX -fuzztime 30s ./model/`.
// Their seeds (f.Add and testdata/fuzz/FuzzX) run in every `go test`.

func FuzzParseHundredths(f *testing.F) {
	for _, s := range []string{"95", "95.5", "９５．５", "-1.25", "0", "100.00", "NaN", "inf", "-Inf", "1e2", "0x10",
		"0x1p6", "+5", "9 5", ".5", "5.", "1.234", "999999999.99", "1000000000", "00000000000001", "１００。５", "—3",
		"", " ", "\x00", "٣", "1_000", "1,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseHundredths(s)
		if err != nil {
			return
		}
		n := NormalizeNumber(s)
		for _, r := range n {
			if !(r >= '0' && r <= '9' || r == '.' || r == '-') {
				t.Fatalf("ParseHundredths(%q) = %v accepted %q", s, v, r)
			}
		}
		if strings.Count(n, ".") > 1 || strings.Count(n, "-") > 1 || strings.LastIndex(n, "-") > 0 {
			t.Fatalf("ParseHundredths(%q) accepted a malformed number", s)
		}
		back, err := ParseHundredths(v.String())
		if err != nil || back != v {
			t.Fatalf("ParseHundredths(%q) = %d; String %q parses to %d, %v", s, v, v.String(), back, err)
		}
		if v > 99999999999 || v < -99999999999 {
			t.Fatalf("ParseHundredths(%q) = %d beyond nine integer digits", s, v)
		}
	})
}

func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"2023Q1", "2023q4", "２０２３Ｑ１", "0999Q1", "2023Q0", "2023Q5", "2023", "Q1", "20231Q1",
		"2023Q12", " 2023Q2 ", "2023-Q1", "9999Q4", "1000Q1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuarter(s)
		if err != nil {
			return
		}
		if q.Q < 1 || q.Q > 4 || q.Year < 1000 || q.Year > 9999 {
			t.Fatalf("ParseQuarter(%q) = %+v out of range", s, q)
		}
		back, err := ParseQuarter(q.String())
		if err != nil || back != q {
			t.Fatalf("ParseQuarter(%q) = %v; round trip %v, %v", s, q, back, err)
		}
		if QuarterAt(q.Index()) != q || q.Next().Prev() != q {
			t.Fatalf("ParseQuarter(%q) = %v: Index/Next/Prev do not round-trip", s, q)
		}
	})
}

// FuzzPlanImport feeds arbitrary bytes through ReadCSV and PlanImport, on a
// quarter with sections and on one that takes them from the header.
func FuzzPlanImport(f *testing.F) {
	seeds := []string{
		"\ufeff区市,经济运行,项目签约落地,城市更新建设,群众满意度加分\r\n市南区,９５．５,80,,1.5\r\n黄岛区,90,\"88.25\",70,\r\n",
		"区市,经济运行\n新区,90\n新区,80\n",
		"unit,经济运行,项目签约落地\n李沧,100,100.01\n",
		"区市,经济\x1b[2J运行\n市南区,90\n",
		"区市,经济运行\n\"\u202e新区\",90\n",
		"区市,,经济运行\n市南区,1,2,3,4\n",
		"区市\n市南区\n",
		"\"区市,经济运行\n",
		"区市,群众满意度加分\n市南区,2.01\n市北区,-0\n",
		"区市,经济运行,经济运行\n市南区,NaN,1e2\n",
		departmentCSV,
		"序号,区市,经济运行\n区市,（分）\n合计,,\n注\n1,市南区,90\n说明,x,x\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), false, false)
		f.Add([]byte(s), true, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, addUnits, noSections bool) {
		rows, err := ReadCSV("f.csv", data)
		if err != nil {
			return
		}
		in := importFixture()
		in.Rows, in.AddUnits = rows, addUnits
		if noSections {
			in.Data.Sections = nil
			in.Defaults = importFixture().Data.Sections
		}
		plan, err := PlanImport(in)
		if err != nil {
			if !utf8.ValidString(err.Error()) || strings.ContainsAny(err.Error(), "\x1b\u009b\r\u202e") {
				t.Fatalf("error message not safe: %q", err)
			}
			return
		}
		sections := map[string]Section{}
		for _, s := range in.Data.Sections {
			sections[s.Name] = s
		}
		for _, s := range plan.NewSections {
			if c, err := CheckName("板块名称", s.Name, MaxSectionWidth); err != nil || c != s.Name {
				t.Fatalf("new section %q not a clean name: %v", s.Name, err)
			}
			if _, dup := sections[s.Name]; dup {
				t.Fatalf("new section %q twice", s.Name)
			}
			sections[s.Name] = s
		}
		units := map[string]bool{}
		for _, u := range in.AllUnits {
			units[u.Name] = true
		}
		for _, u := range plan.NewUnits {
			if !addUnits {
				t.Fatalf("new unit %q without --add-units", u.Name)
			}
			if c, err := CheckName("区市名称", u.Name, MaxUnitWidth); err != nil || c != u.Name {
				t.Fatalf("new unit %q not a clean name: %v", u.Name, err)
			}
			units[u.Name] = true
		}
		seen := map[[2]string]bool{}
		for _, c := range plan.Cells {
			if !units[c.Unit] {
				t.Fatalf("cell of unknown unit %q", c.Unit)
			}
			if seen[[2]string{c.Unit, c.Section + "/" + c.Item}] {
				t.Fatalf("cell %s/%s%s twice", c.Unit, c.Section, c.Item)
			}
			seen[[2]string{c.Unit, c.Section + "/" + c.Item}] = true
			if c.Section == "" {
				if a, _ := FindAdjustment(in.Data.Adjustments, c.Item); c.New < a.Min || c.New > a.Max {
					t.Fatalf("adjustment %s out of range", c.New)
				}
				continue
			}
			s, ok := sections[c.Section]
			if !ok {
				t.Fatalf("cell of unknown section %q", c.Section)
			}
			if c.New < 0 || c.New > s.Max {
				t.Fatalf("score %s of %s out of 0–%s", c.New, c.Section, s.Max)
			}
		}
	})
}

func FuzzCheckName(f *testing.F) {
	for _, s := range hostileNames {
		f.Add(s, 24)
	}
	f.Add("市南区", 6)
	f.Add("  西海岸新区\u3000", 10)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = max%200 + 1
		if max < 1 {
			max += 200
		}
		got, err := CheckName("名称", s, max)
		if err != nil {
			if r, bad := hasUnsafe(err.Error()); bad {
				t.Fatalf("CheckName(%q) error %q holds %U", s, err, r)
			}
			return
		}
		if got == "" || nameWidth(got) > max {
			t.Fatalf("CheckName(%q, %d) = %q (width %d)", s, max, got, nameWidth(got))
		}
		if r, bad := hasUnsafe(got); bad || strings.ContainsRune(got, utf8.RuneError) && !strings.ContainsRune(s, utf8.RuneError) {
			t.Fatalf("CheckName(%q) = %q holds %U", s, got, r)
		}
		if SafeText(got) != got {
			t.Fatalf("CheckName(%q) = %q, which SafeText changes to %q", s, got, SafeText(got))
		}
		if again, err := CheckName("名称", got, max); err != nil || again != got {
			t.Fatalf("CheckName not idempotent on %q: %q, %v", got, again, err)
		}
	})
}

func FuzzSafeText(f *testing.F) {
	for _, s := range hostileNames {
		f.Add(s)
	}
	f.Add("市南区")
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeText(s)
		if !utf8.ValidString(got) {
			t.Fatalf("SafeText(%q) = %q is not valid UTF-8", s, got)
		}
		if r, bad := hasUnsafe(got); bad {
			t.Fatalf("SafeText(%q) = %q holds %U", s, got, r)
		}
		if again := SafeText(got); again != got {
			t.Fatalf("SafeText not idempotent: %q → %q → %q", s, got, again)
		}
		if utf8.ValidString(s) && isSafe(s) && got != s {
			t.Fatalf("SafeText changed safe text %q to %q", s, got)
		}
		lines := SafeLines(s)
		if r, bad := hasUnsafe(strings.ReplaceAll(lines, "\n", "")); bad {
			t.Fatalf("SafeLines(%q) = %q holds %U", s, lines, r)
		}
	})
}

// FuzzCSVTooLarge: the pre-scan that bounds a CSV before it is parsed
// splits records and fields as encoding/csv does (LazyQuotes), so it
// refuses exactly the files whose records pass the bounds (small ones here).
func FuzzCSVTooLarge(f *testing.F) {
	for _, s := range []string{"a,b\nc,d\n", "a,b,c,d\n", "\"a,b,c,d\"\n", "a,\"b\nc\",d\r\ne\n", "\n\n\na\n\nb\nc\nd\n",
		`"a"b,c,d,e`, `a"b,c,d,e`, "\"a\"\"b\",c\n\"d\",\"e\"\r\n", "a,b,c\r\n\r\nd,e,f\n", "\"\"\"\",,,\n", "a\rb,c\r,d\n"} {
		f.Add(s)
	}
	small := bounds{rows: 3, columns: 3, cells: 7}
	f.Fuzz(func(t *testing.T, s string) {
		r := csv.NewReader(strings.NewReader(s))
		r.FieldsPerRecord, r.LazyQuotes = -1, true
		records, cells, over := 0, 0, false
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return // refused as malformed before the bounds matter
			}
			records++
			cells += len(rec)
			if records > small.rows || len(rec) > small.columns || cells > small.cells {
				over = true
				break
			}
		}
		if _, what := csvTooLarge([]byte(s), small); (what != "") != over {
			t.Fatalf("csvTooLarge(%q) = %q; encoding/csv says over the bounds: %v", s, what, over)
		}
	})
}
