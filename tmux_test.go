package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
)

// tmuxSession is the built binary running in a private tmux server, for what
// only a real terminal shows: the alternate screen, wide characters, resize.
type tmuxSession struct {
	t      *testing.T
	socket string
	rc     string // the program's exit status is written here
	w, h   int
}

// needTmux skips a test that needs tmux where it is not installed, but
// fails it under CI (CI set, as .ci/run and CI services set it): CI must
// not pass by skipping the end-to-end tests.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed; CI runs the tmux end-to-end tests (.ci/run installs tmux)")
		}
		t.Skip("tmux not installed")
	}
}

func startTmux(t *testing.T, w, h int, args ...string) *tmuxSession {
	t.Helper()
	needTmux(t)
	dir := t.TempDir()
	rc := filepath.Join(dir, "rc")
	s := &tmuxSession{t: t, socket: fmt.Sprintf("starflag-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), rc: rc, w: w, h: h}
	cmdline := fmt.Sprintf("HOME=%s XDG_DATA_HOME=%s/data STARFLAG_DB= %s %s; echo $? > %s; sleep 30", dir, dir, binary, strings.Join(args, " "), rc)
	s.tmux("-f", "/dev/null", "new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-e", "LANG=C.UTF-8", "-e", "TERM=tmux-256color", "sh", "-c", cmdline)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p") }

// waitFor polls the screen until every want is on it.
func (s *tmuxSession) waitFor(wants ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.screen()
		missing := ""
		for _, w := range wants {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			s.checkWidth(scr)
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%d×%d: screen never showed %q:\n%s", s.w, s.h, missing, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkWidth fails when a captured line is wider than the terminal.
func (s *tmuxSession) checkWidth(scr string) {
	s.t.Helper()
	for i, l := range strings.Split(strings.TrimRight(scr, "\n"), "\n") {
		if w := lipgloss.Width(l); w > s.w {
			s.t.Errorf("%d×%d: line %d is %d cells wide: %q", s.w, s.h, i+1, w, l)
		}
	}
}

// exitCode waits for the program to end and returns its exit status.
func (s *tmuxSession) exitCode() string {
	s.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(s.rc); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the program did not end:\n%s", s.screen())
	return ""
}

func (s *tmuxSession) keys(keys ...string) { s.tmux(append([]string{"send-keys"}, keys...)...) }

// lineWith is the first line of a screen that contains s.
func lineWith(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// TestDashboardInTmux walks every screen of the demo at 80×24, at a
// projector's 120×35 (where the ranking once lost its warnings column) and
// at 160×45, steps quarters, presents, and quits. The ranking names the
// flags and the red marks (平度 and 莱西 hold 红牌) in words.
func TestDashboardInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped with -short")
	}
	for _, size := range [][2]int{{80, 24}, {120, 35}, {160, 45}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s := startTmux(t, size[0], size[1], "--demo")
			scr := s.waitFor("2023Q4", "综合得分", "市南", "红旗：勇当排头", "红牌：约谈提醒")
			for _, unit := range []string{"平度", "莱西"} {
				if line := lineWith(scr, unit); !strings.Contains(line, "红牌：约谈提醒") {
					t.Errorf("%v: %s's ranking row lacks its 红牌: %q", size, unit, line)
				}
			}
			for _, step := range []struct{ key, want string }{
				{"2", "评星"}, {"3", "夺旗"}, {"4", "主席台"}, {"5", "年度"}, {"1", "综合得分"},
			} {
				s.keys(step.key)
				s.waitFor(step.want)
			}
			s.keys("]") // past the last quarter: offers a new one; Esc declines
			s.waitFor("已经是最新的季度", "新建 2024Q1")
			s.keys("Escape")
			s.waitFor("已取消")
			s.keys("[")
			s.waitFor("2023Q3", "[定稿]")
			s.keys("p")
			scr = s.waitFor("左右键 翻页", "市南")
			if strings.Contains(scr, "? 帮助") {
				t.Errorf("presentation mode shows the help bar:\n%s", scr)
			}
			s.keys("Escape")
			s.waitFor("? 帮助")
			s.keys("q")
			if code := s.exitCode(); code != "0" {
				t.Errorf("exit status %q after q, want 0", code)
			}
		})
	}
}
