package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkImportFile10000Rows is the whole `starflag import` path in one
// process: open the database, read and decode the file, check every cell,
// write them in one transaction. The file has 10,000 unit rows × 4 sections
// (40,000 values); each op changes every value. Target: under 1 s.
func BenchmarkImportFile10000Rows(b *testing.B) {
	dir := b.TempDir()
	db := filepath.Join(dir, "bench.db")
	files := [2]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}
	for k, f := range files {
		var sb strings.Builder
		sb.WriteString("区市,经济运行,项目签约落地,城市更新建设,优化营商环境\n")
		for i := range 10000 {
			fmt.Fprintf(&sb, "区市%05d,%d.%02d,%d,%d.5,%d\n", i, 60+(i+k)%40, i%100, 70+k, 80+k, 90-k)
		}
		if err := os.WriteFile(f, []byte(sb.String()), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	if code := run(ctx, []string{"--db", db, "import", "--add-units", "--quarter", "2023Q1", files[1]}, io.Discard, os.Stderr); code != 0 {
		b.Fatalf("setup import: exit %d", code)
	}
	for i := 0; b.Loop(); i++ {
		if code := run(ctx, []string{"--db", db, "import", "--quarter", "2023Q1", files[i%2]}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("import: exit %d", code)
		}
	}
}
