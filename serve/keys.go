package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"starflag/model"
	"starflag/ui"
)

// Role is what a key may do.
type Role string

// The roles of the keys file.
const (
	Viewer   Role = "viewer"   // looks: pages and presentation (the projector, the leaders' room)
	Reporter Role = "reporter" // enters the scores of its sections only (a lead department)
	Editor   Role = "editor"   // enters every score of a quarter (the secretariat)
	Admin    Role = "admin"    // also setup, lock and unlock, new quarters
)

// roleWords are the roles as people read them.
var roleWords = map[Role]string{Viewer: "查看", Reporter: "填报", Editor: "录入", Admin: "管理"}

// Key is one line of the keys file: who may come in with which public key.
type Key struct {
	Role     Role
	Sections []string // a reporter's sections
	Name     string   // the person or office: 市发改委
	Key      gossh.PublicKey
	Line     int // in the keys file
}

// Source is the audit source of the key's changes: ssh:NAME:ROLE.
func (k Key) Source() string { return "ssh:" + k.Name + ":" + string(k.Role) }

// Access is what the dashboard lets the key's holder do.
func (k Key) Access() *ui.Access {
	a := &ui.Access{Who: k.Name, Role: roleWords[k.Role]}
	switch k.Role {
	case Reporter:
		a.Entry, a.Sections = true, k.Sections
	case Editor:
		a.Entry = true
	case Admin:
		a.Entry, a.Setup = true, true
	}
	return a
}

// String is the key as the server lists it: role, name and fingerprint.
func (k Key) String() string {
	role := string(k.Role)
	if k.Role == Reporter {
		role += ":" + strings.Join(k.Sections, ",")
	}
	return role + " " + k.Name + " " + gossh.FingerprintSHA256(k.Key)
}

// Keys are the keys file's keys, found by public key.
type Keys struct {
	list  []Key
	byKey map[string]int // index by the key's wire form
}

// List is the keys in file order.
func (ks *Keys) List() []Key { return ks.list }

// Find is the key line of pk, or false for an unknown key.
func (ks *Keys) Find(pk gossh.PublicKey) (Key, bool) {
	if pk == nil {
		return Key{}, false
	}
	i, ok := ks.byKey[string(pk.Marshal())]
	if !ok {
		return Key{}, false
	}
	return ks.list[i], true
}

// Reporters are the reporter keys as model.Reporters (one per name, their
// sections joined), for 报送进度.
func (ks *Keys) Reporters() []model.Reporter {
	var out []model.Reporter
	for _, k := range ks.list {
		if k.Role != Reporter {
			continue
		}
		i := slices.IndexFunc(out, func(r model.Reporter) bool { return r.Name == k.Name })
		if i < 0 {
			out = append(out, model.Reporter{Name: k.Name})
			i = len(out) - 1
		}
		for _, s := range k.Sections {
			if !slices.Contains(out[i].Sections, s) {
				out[i].Sections = append(out[i].Sections, s)
			}
		}
	}
	return out
}

// maxKeysFile bounds the keys file: a few hundred lines is a large office.
const maxKeysFile = 1 << 20

// ReadKeys reads the keys file at path.
func ReadKeys(path string) (*Keys, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, model.Errorf(model.ErrNotFound, "没有密钥文件 %s：每行写“角色 名称 公钥”，例如 viewer 投影电脑 ssh-ed25519 AAAA…（角色：viewer、reporter:板块,板块、editor、admin）", model.ClipPath(path))
		}
		return nil, model.Errorf(model.ErrInvalid, "无法读取密钥文件 %s（%s）", model.ClipPath(path), model.FileReason(err))
	}
	defer f.Close()
	ks, err := ParseKeys(io.LimitReader(f, maxKeysFile+1))
	if err != nil {
		return nil, model.Errorf(model.ErrInvalid, "密钥文件 %s %s，服务没有启动", model.ClipPath(path), err.Error())
	}
	return ks, nil
}

// ParseKeys reads a keys file: one key per line, `ROLE NAME KEY`, where
// ROLE is viewer, reporter:SECTION,SECTION…, editor or admin, NAME names
// the person or office (no spaces or colons), and KEY is an OpenSSH public
// key line (ssh-ed25519 AAAA… comment). # starts a comment; blank lines are
// skipped. A line that does not parse refuses the whole file, naming it.
func ParseKeys(r io.Reader) (*Keys, error) {
	ks := &Keys{byKey: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxKeysFile)
	n, size := 0, 0
	for sc.Scan() {
		n++
		size += len(sc.Bytes()) + 1
		if size > maxKeysFile {
			return nil, fmt.Errorf("超过 %d KB，不像密钥文件", maxKeysFile>>10)
		}
		line := strings.TrimSpace(string(bytes.TrimPrefix(sc.Bytes(), []byte("\xef\xbb\xbf"))))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := parseKeyLine(line)
		if err != nil {
			return nil, fmt.Errorf("第 %d 行%s", n, err.Error())
		}
		k.Line = n
		wire := string(k.Key.Marshal())
		if i, dup := ks.byKey[wire]; dup {
			return nil, fmt.Errorf("第 %d 行的公钥与第 %d 行重复：一个公钥只能有一个角色", n, ks.list[i].Line)
		}
		ks.byKey[wire] = len(ks.list)
		ks.list = append(ks.list, k)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("第 %d 行之后读不下去（行太长或文件损坏）", n)
	}
	if len(ks.list) == 0 {
		return nil, fmt.Errorf("没有任何密钥：每行写“角色 名称 公钥”，例如 viewer 投影电脑 ssh-ed25519 AAAA…")
	}
	return ks, nil
}

// parseKeyLine reads `ROLE NAME KEY…`; the error says what is wrong after
// the line number.
func parseKeyLine(line string) (Key, error) {
	fields := strings.Fields(line)
	if len(fields) < 4 {
		return Key{}, fmt.Errorf("应为“角色 名称 公钥”三部分（公钥如 ssh-ed25519 AAAA…），这一行只有 %d 段", len(fields))
	}
	var k Key
	role, sections, hasSections := strings.Cut(fields[0], ":")
	k.Role = Role(role)
	switch {
	case k.Role == Reporter && !hasSections:
		return k, fmt.Errorf("的 reporter 要写明板块，例如 reporter:经济运行,项目签约落地")
	case k.Role == Reporter:
		for _, s := range strings.FieldsFunc(sections, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if !slices.Contains(k.Sections, s) {
				k.Sections = append(k.Sections, model.SafeText(s))
			}
		}
		if len(k.Sections) == 0 {
			return k, fmt.Errorf("的 reporter 要写明板块，例如 reporter:经济运行,项目签约落地")
		}
	case hasSections || roleWords[k.Role] == "":
		return k, fmt.Errorf("的角色“%s”无效：只能是 viewer、reporter:板块,板块、editor 或 admin", model.Clip(fields[0]))
	}
	k.Name = fields[1]
	if strings.Contains(k.Name, ":") || model.SafeText(k.Name) != k.Name || len([]rune(k.Name)) > 40 {
		return k, fmt.Errorf("的名称“%s”无效：不能含冒号或控制字符，最多 40 个字", model.Clip(model.SafeText(k.Name)))
	}
	pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(strings.Join(fields[2:], " ")))
	if err != nil {
		return k, fmt.Errorf("的公钥读不出来：应是 OpenSSH 公钥一整行（ssh-ed25519 AAAA… 或 ssh-rsa AAAA…，即 .pub 文件的内容）")
	}
	k.Key = pk
	return k, nil
}
