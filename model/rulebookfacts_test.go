package model

import (
	"reflect"
	"testing"
)

// Every setting of the rules is one of a rulebook's Facts, the list that
// names them a second time: changing any scalar field of Rules (and of its
// Layout and Docs) to another valid value shows in DiffRulebooks, so a
// rules import never changes a setting unseen.
func TestRulebookFactsSayEverySetting(t *testing.T) {
	base := Rulebook{Rules: DefaultRules()}
	changed := base
	// Settings of a few words: another of them (any other text reads as
	// the default).
	other := map[string]string{
		"Layout.Method":   string(LeftToRight),
		"Docs.Version":    VersionBrief,
		"Docs.SpeakOrder": SpeakByOfficial,
		"AnnualMethod":    AnnualMean,
	}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		for i := range v.NumField() {
			f, name := v.Field(i), path+v.Type().Field(i).Name
			old := reflect.New(f.Type()).Elem()
			old.Set(f)
			switch f.Kind() {
			case reflect.Struct:
				walk(f, name+".")
				continue
			case reflect.Bool:
				f.SetBool(!f.Bool())
			case reflect.Int, reflect.Int64:
				f.SetInt(f.Int() + 1)
			case reflect.String:
				if s, ok := other[name]; ok {
					f.SetString(s)
				} else {
					f.SetString(f.String() + "改")
				}
			default:
				continue // the lists: rules, tiers, weights, groups
			}
			if DiffRulebooks(base, changed, "") == nil {
				t.Errorf("changing %s shows no difference", name)
			}
			f.Set(old)
		}
	}
	walk(reflect.ValueOf(&changed.Rules).Elem(), "")
}
