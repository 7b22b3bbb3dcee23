package exchange

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"starflag/model"
)

// defaultRulebook is the rulebook of a fresh database's first quarter.
func defaultRulebook() model.Rulebook {
	units := model.QingdaoUnits()
	for i := range units {
		units[i].ID = int64(i + 1)
	}
	ss := model.DefaultSections()
	for i := range ss {
		ss[i].ID = int64(i + 1)
	}
	return model.RulebookOf(model.QuarterData{
		Quarter: model.MustQuarter("2023Q1"), Units: units, Sections: ss,
		Adjustments: []model.Adjustment{model.DefaultAdjustment()}, Rules: model.DefaultRules(),
	})
}

func writeRulebook(t *testing.T, rb model.Rulebook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteRulebook(&b, rb); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRulebookRoundTrip(t *testing.T) {
	rb := defaultRulebook()
	first := writeRulebook(t, rb)
	got, err := ReadRulebook(first, "r.toml")
	if err != nil {
		t.Fatalf("%v\n%s", err, first)
	}
	if !reflect.DeepEqual(rb, got) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, rb)
	}
	if second := writeRulebook(t, got); !bytes.Equal(first, second) {
		t.Errorf("second export differs:\n%s\n---\n%s", first, second)
	}
	if !strings.Contains(string(first), "# 红旗：真抓实干、勇当排头\n[[flags]]") {
		t.Errorf("no Chinese comment above the flag:\n%s", first)
	}
}

func TestRulebookPrint(t *testing.T) {
	if testing.Verbose() {
		t.Log("\n" + string(writeRulebook(t, defaultRulebook())))
	}
}
