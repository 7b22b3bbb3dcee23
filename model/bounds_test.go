package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestPlanImportListsFiftyProblemsThenCounts: a file with 10,000 bad cells
// is refused with the first 50 problems and a count of the others, never
// 10,000 lines (megabytes of stderr), and PlanImport keeps only those 50.
func TestPlanImportListsFiftyProblemsThenCounts(t *testing.T) {
	in := importFixture()
	in.AddUnits = true
	var b strings.Builder
	b.WriteString("区市,经济运行,项目签约落地\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "新区市%d,x,101\n", i)
	}
	in.Rows = csvRows(t, b.String())
	_, err := PlanImport(in)
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err %v, want an *ImportError", err)
	}
	if len(ie.Problems) != MaxListedProblems || ie.Omitted != 10000-MaxListedProblems {
		t.Errorf("kept %d problems and counted %d more, want 50 and 9950", len(ie.Problems), ie.Omitted)
	}
	msg := err.Error()
	lines := strings.Split(msg, "\n")
	if len(lines) != 52 || !strings.Contains(lines[0], "（10000 个问题）") || lines[51] != "  …还有 9950 处" {
		t.Errorf("%d lines; first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	if !strings.Contains(lines[1], "第 2 行「经济运行」列") || !strings.Contains(lines[50], "第 26 行「项目签约落地」列") {
		t.Errorf("the listed problems are not the first ones in file order:\n%s\n%s", lines[1], lines[50])
	}
}

// TestImportErrorListsAtMostFifty: an ImportError built with more than 50
// problems (as PlanPaste builds one) lists 50 and counts the rest.
func TestImportErrorListsAtMostFifty(t *testing.T) {
	e := &ImportError{Omitted: 7}
	for i := range 60 {
		e.Problems = append(e.Problems, Problem{File: "f.csv", Row: i + 2, Reason: "坏"})
	}
	lines := strings.Split(e.Error(), "\n")
	if len(lines) != 52 || !strings.Contains(lines[0], "（67 个问题）") || lines[51] != "  …还有 17 处" {
		t.Errorf("%d lines; first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
