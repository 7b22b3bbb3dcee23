package main

import (
	"os/exec"
	"strings"
	"testing"
)

// importRule is what one package may import besides the standard library
// (a path, or everything under it), and what it must never reach, even
// through another package.
type importRule struct {
	imports []string
	never   []string
}

// dependencyRule is the rule README states: model imports only the standard
// library, store model and SQLite, exchange model, excelize, x/text, the
// width function the screens use (x/ansi) and the TOML parser of the
// rulebook file (BurntSushi/toml), ui
// model and the charm libraries; only main, office and serve know several,
// store, exchange and ui never reach each other or office, and serve (the
// SSH server: wish, charm.land/ssh, x/crypto/ssh) is reached by main alone.
var dependencyRule = map[string]importRule{
	"starflag/model":    {},
	"starflag/store":    {imports: []string{"starflag/model", "modernc.org/sqlite"}, never: []string{"starflag/ui", "starflag/exchange", "starflag/office", "starflag/serve"}},
	"starflag/exchange": {imports: []string{"starflag/model", "github.com/xuri/excelize/v2", "golang.org/x/text", "github.com/charmbracelet/x/ansi", "github.com/BurntSushi/toml"}, never: []string{"starflag/store", "starflag/ui", "starflag/office", "starflag/serve"}},
	"starflag/ui":       {imports: []string{"starflag/model", "charm.land/bubbles", "charm.land/bubbletea", "charm.land/lipgloss", "github.com/charmbracelet"}, never: []string{"starflag/store", "starflag/exchange", "starflag/office", "starflag/serve", "charm.land/ssh", "golang.org/x/crypto/ssh"}},
	"starflag/office":   {imports: []string{"starflag/model", "starflag/store", "starflag/exchange", "starflag/ui", "charm.land/bubbletea/v2"}, never: []string{"starflag/serve", "charm.land/ssh"}},
	"starflag/serve":    {imports: []string{"starflag/model", "starflag/store", "starflag/office", "starflag/ui", "charm.land/bubbletea/v2", "charm.land/wish/v2", "charm.land/ssh", "github.com/charmbracelet/colorprofile", "golang.org/x/crypto/ssh"}},
	"starflag":          {imports: []string{"starflag", "charm.land", "github.com/charmbracelet"}},
	// Test support, imported by tests only.
	"starflag/office/officetest": {imports: []string{"starflag", "charm.land", "github.com/charmbracelet"}},
	"starflag/internal/golden":   {imports: []string{"github.com/aymanbagabas/go-udiff"}},
}

// under reports whether path is p or a package below it.
func under(path, p string) bool { return path == p || strings.HasPrefix(path, p+"/") }

// standard reports whether path is in the standard library: its first
// element has no dot (and it is not this module).
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != "starflag"
}

// TestDependencyRule checks every package's imports (go list) against
// dependencyRule; a new package needs its rule here and in README.
func TestDependencyRule(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}\t{{join .Imports \" \"}}\t{{join .Deps \" \"}}", "./...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Split(line, "\t")
		pkg, imports, deps := fields[0], strings.Fields(fields[1]), strings.Fields(fields[2])
		rule, ok := dependencyRule[pkg]
		if !ok {
			t.Errorf("%s has no dependency rule: add it to dependencyRule and to README's dependency rule", pkg)
			continue
		}
		for _, imp := range imports {
			allowed := standard(imp)
			for _, p := range rule.imports {
				allowed = allowed || under(imp, p)
			}
			if !allowed {
				t.Errorf("%s imports %s, which the dependency rule does not allow", pkg, imp)
			}
		}
		for _, dep := range deps {
			if pkg == "starflag/model" && !standard(dep) {
				t.Errorf("starflag/model depends on %s (and maybe more): it imports only the standard library", dep)
				break
			}
			for _, p := range rule.never {
				if under(dep, p) {
					t.Errorf("%s depends on %s, which it must never reach", pkg, dep)
				}
			}
		}
	}
}
