// Package serve is starflag serve: the dashboard over SSH to many seats at
// once, all on one database. It is built on charm.land/wish/v2 (an SSH
// server on golang.org/x/crypto/ssh, with bubbletea middleware): every
// session runs the real ui.App with its own size, page, quarter and theme.
//
// Who may enter, and do what, is the keys file (keys.go): one public key
// per line with a role (viewer, reporter:SECTION,…, editor, admin) and a
// name. The roles reach the dashboard as ui.Access; each session writes
// through its own store session (store.DB.As), so its undo is its own and
// the audit log names it (ssh:NAME:ROLE). A save in one session is passed
// to the others at once (hub.go); their loads share one computation per
// data version.
//
// It is a package of its own, not part of office, because it alone brings
// the network: SSH, keys, limits against floods and garbage, sessions and
// their shutdown. It joins office, store and ui; nothing imports it but
// main.
package serve
