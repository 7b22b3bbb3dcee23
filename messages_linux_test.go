package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOutputToAFullDeviceFails: when stdout cannot be written (/dev/full),
// the command fails with exit 1 and a Chinese sentence, instead of
// reporting success.
func TestOutputToAFullDeviceFails(t *testing.T) {
	db := soundDB(t)
	for _, args := range [][]string{{"check"}, {"export", "ranking", "--quarter", "2023Q1"}, {"--help"}, {"version"}} {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skip(err)
		}
		cmd := exec.Command(binary, append([]string{"--db", db}, args...)...)
		var errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &errb
		err = cmd.Run()
		full.Close()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 1 {
			t.Errorf("%v > /dev/full: %v, want exit 1; stderr %q", args, err, errb.String())
			continue
		}
		if !strings.Contains(errb.String(), "磁盘已满") {
			t.Errorf("%v > /dev/full: stderr %q", args, errb.String())
		}
		noLibraryText(t, errb.String(), args)
	}
}

// TestDashboardWithoutTerminalIsASentence: started without any terminal
// (its own session, no /dev/tty), the dashboard says it needs one.
func TestDashboardWithoutTerminalIsASentence(t *testing.T) {
	db := soundDB(t)
	cmd := exec.Command(binary, "--db", db)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("dashboard without a terminal: %v; stderr %q", err, errb.String())
	}
	if !strings.Contains(errb.String(), "终端") {
		t.Errorf("stderr %q does not say a terminal is needed", errb.String())
	}
	noLibraryText(t, errb.String(), nil)
}

// TestSignalsCleanUpTheDemoDatabase: the dashboard on --demo removes its
// temporary database when it is ended by SIGTERM or by SIGHUP (the terminal
// window closed).
func TestSignalsCleanUpTheDemoDatabase(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			s := startTmux(t, 80, 24, "--demo")
			s.waitFor("综合得分")
			demos, _ := filepath.Glob(filepath.Join(tmp, "starflag-demo-*"))
			if len(demos) != 1 {
				t.Fatalf("demo folders in TMPDIR: %v", demos)
			}
			pid := s.starflagPID()
			if err := syscall.Kill(pid, sig); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(10 * time.Second)
			for syscall.Kill(pid, 0) == nil {
				if time.Now().After(deadline) {
					t.Fatalf("starflag still runs 10 s after %v", sig)
				}
				time.Sleep(20 * time.Millisecond)
			}
			if _, err := os.Stat(demos[0]); err == nil {
				t.Errorf("%v left the demo database %s", sig, demos[0])
			}
		})
	}
}
