package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"strings"

	"starflag/model"
	"starflag/serve"
	"starflag/store"
)

// errServeStopped ends a serve stopped by SIGINT or SIGTERM: its normal
// end, exit 0 (the sessions were told and closed, every save committed).
var errServeStopped = errors.New("starflag serve 已停止")

// cmdServe serves the dashboard over SSH until a signal stops it.
func cmdServe(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	listen := fs.String("listen", serve.DefaultListen, "")
	keysFile := fs.String("keys", "", "")
	idle := fs.Duration("idle", serve.DefaultIdle, "")
	maxSessions := fs.Int("max-sessions", serve.DefaultMaxSessions, "")
	maxPerKey := fs.Int("max-per-key", serve.DefaultMaxPerKey, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("serve 不需要参数“%s”", model.Clip(pos[0]))
	}
	switch {
	case *idle < 0:
		return usageErr("--idle 不能是负数，例如 --idle 8h")
	case *maxSessions < 1 || *maxPerKey < 1:
		return usageErr("--max-sessions 和 --max-per-key 至少为 1")
	}
	if *keysFile == "" {
		*keysFile = keysPath(db.Path())
	}
	keys, err := serve.ReadKeys(*keysFile)
	if err != nil {
		return err
	}
	err = serve.Run(ctx, db, serve.Config{Listen: *listen, Keys: keys, HostKey: serve.HostKeyPath(db.Path()),
		Idle: *idle, MaxSessions: *maxSessions, MaxPerKey: *maxPerKey, Log: w})
	if err == nil {
		return errServeStopped
	}
	return err
}

// keysPath is the keys file's default place: beside the database, named
// after it (starflag.db → starflag-keys.txt).
func keysPath(dbPath string) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return filepath.Join(filepath.Dir(dbPath), base+"-keys.txt")
}
