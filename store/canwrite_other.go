//go:build !unix

package store

import "os"

// canWrite reports a file marked read-only, without opening it.
func canWrite(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return &os.PathError{Op: "open", Path: path, Err: os.ErrPermission}
	}
	return nil
}
