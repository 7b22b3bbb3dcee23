package serve

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"starflag/model"
)

// TestKeysFile reads roles, names, sections and keys, skips comments and
// blank lines, and refuses a file with a bad line, naming the line.
func TestKeysFile(t *testing.T) {
	k1, k2 := pub(t), pub(t)
	good := "\ufeff# 摘星夺旗 看板的密钥\n\nviewer 投影电脑 " + k1 + "  # 会议室\nreporter:经济运行,项目签约落地 市发改委 " + k2 + "\n"
	ks, err := ParseKeys(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(ks.List()) != 2 {
		t.Fatalf("%d keys, want 2", len(ks.List()))
	}
	r := ks.List()[1]
	if r.Role != Reporter || r.Name != "市发改委" || !reflect.DeepEqual(r.Sections, []string{"经济运行", "项目签约落地"}) || r.Line != 4 {
		t.Errorf("reporter line = %+v", r)
	}
	if r.Source() != "ssh:市发改委:reporter" {
		t.Errorf("Source = %q", r.Source())
	}
	if got := ks.Reporters(); !reflect.DeepEqual(got, []model.Reporter{{Name: "市发改委", Sections: []string{"经济运行", "项目签约落地"}}}) {
		t.Errorf("Reporters = %+v", got)
	}
	pk, _, _, _, _ := gossh.ParseAuthorizedKey([]byte(k1))
	if k, ok := ks.Find(pk); !ok || k.Name != "投影电脑" {
		t.Errorf("Find(投影电脑's key) = %+v, %v", k, ok)
	}
	if _, ok := ks.Find(newSigner(t).PublicKey()); ok {
		t.Error("an unknown key was found")
	}

	for _, tc := range []struct{ name, file, want string }{
		{"unknown role", "viewer a " + k1 + "\nboss b " + k2, "第 2 行的角色“boss”无效：只能是 viewer、reporter:板块,板块、editor 或 admin"},
		{"reporter without sections", "reporter 市发改委 " + k1, "第 1 行的 reporter 要写明板块"},
		{"reporter with empty sections", "reporter:, 市发改委 " + k1, "第 1 行的 reporter 要写明板块"},
		{"sections on another role", "editor:经济运行 秘书处 " + k1, "第 1 行的角色“editor:经济运行”无效"},
		{"no key", "# x\nviewer 投影电脑", "第 2 行应为“角色 名称 公钥”三部分"},
		{"bad key", "viewer 投影电脑 ssh-ed25519 AAAAnotakey", "第 1 行的公钥读不出来"},
		{"private key pasted", "viewer 投影电脑 -----BEGIN OPENSSH PRIVATE KEY----- b3Blbn", "第 1 行的公钥读不出来"},
		{"colon in name", "viewer 会议:室 " + k1, "第 1 行的名称“会议:室”无效"},
		{"duplicate key", "viewer a " + k1 + "\n\nadmin b " + k1, "第 3 行的公钥与第 1 行重复"},
		{"empty", "# only comments\n\n", "没有任何密钥"},
	} {
		_, err := ParseKeys(strings.NewReader(tc.file))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}

	dir := t.TempDir()
	if _, err := ReadKeys(filepath.Join(dir, "none.txt")); err == nil || !strings.Contains(err.Error(), "没有密钥文件") {
		t.Errorf("a missing keys file: %v", err)
	}
	bad := filepath.Join(dir, "keys.txt")
	os.WriteFile(bad, []byte("viewer 投影电脑 "+k1+"\nviewer 会议室 ssh-rsa xyz\n"), 0o600)
	if _, err := ReadKeys(bad); err == nil || !strings.Contains(err.Error(), "keys.txt 第 2 行的公钥读不出来") || !strings.Contains(err.Error(), "服务没有启动") {
		t.Errorf("a bad keys file: %v", err)
	}
}

// pub is a new public key line.
func pub(t *testing.T) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey()))) + " user@pc"
}
