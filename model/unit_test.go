package model

import (
	"errors"
	"slices"
	"testing"
)

func TestUnitActiveIn(t *testing.T) {
	tests := []struct {
		name        string
		from, until string
		q           string
		want        bool
	}{
		{"always", "", "", "2023Q1", true},
		{"before From", "2023Q3", "", "2023Q2", false},
		{"at From", "2023Q3", "", "2023Q3", true},
		{"after From", "2023Q3", "", "2024Q1", true},
		{"a year before From", "2023Q3", "", "2022Q3", false},
		{"at Until", "", "2023Q2", "2023Q2", true},
		{"after Until", "", "2023Q2", "2023Q3", false},
		{"before Until", "", "2023Q2", "2022Q4", true},
		{"between From and Until", "2022Q2", "2023Q2", "2022Q4", true},
		{"before both", "2022Q2", "2023Q2", "2022Q1", false},
		{"after both", "2022Q2", "2023Q2", "2024Q1", false},
		{"single quarter", "2023Q1", "2023Q1", "2023Q1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := Unit{Name: "市南区"}
			if tt.from != "" {
				u.From = MustQuarter(tt.from)
			}
			if tt.until != "" {
				u.Until = MustQuarter(tt.until)
			}
			if got := u.ActiveIn(MustQuarter(tt.q)); got != tt.want {
				t.Errorf("Unit{From: %v, Until: %v}.ActiveIn(%s) = %v, want %v", u.From, u.Until, tt.q, got, tt.want)
			}
		})
	}
}

func TestFindUnit(t *testing.T) {
	units := QingdaoUnits()
	tests := []struct {
		name string
		in   string
		want string // unit name; "" = not found
	}{
		{"name", "市南区", "市南区"},
		{"short name", "市南", "市南区"},
		{"alias", "黄岛区", "西海岸新区"},
		{"short name of aliased unit", "西海岸", "西海岸新区"},
		{"name of aliased unit", "西海岸新区", "西海岸新区"},
		{"last unit", "莱西市", "莱西市"},
		{"spaces trimmed", " 即墨 ", "即墨区"},
		{"ideographic space trimmed", "\u3000胶州市\u3000", "胶州市"},
		{"unknown", "青岛市", ""},
		{"empty", "", ""},
		{"blank", "  ", ""},
		{"part of a name", "市", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindUnit(units, tt.in)
			if tt.want == "" {
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("FindUnit(%q) = %v, %v; want ErrNotFound", tt.in, got.Name, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("FindUnit(%q) error %v, want %s", tt.in, err, tt.want)
			}
			if got.Name != tt.want {
				t.Errorf("FindUnit(%q) = %s, want %s", tt.in, got.Name, tt.want)
			}
		})
	}
}

func TestUnitLabel(t *testing.T) {
	tests := []struct {
		name string
		u    Unit
		want string
	}{
		{"short name", Unit{Name: "市南区", Short: "市南"}, "市南"},
		{"no short name", Unit{Name: "市南区"}, "市南区"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.u.Label(); got != tt.want {
				t.Errorf("Label() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestActiveUnits(t *testing.T) {
	q := func(s string) Quarter { return MustQuarter(s) }
	all := []Unit{
		{ID: 4, Name: "D", Order: 3},
		{ID: 1, Name: "A", Order: 1},
		{ID: 5, Name: "E", Order: 2, From: q("2023Q3")},
		{ID: 3, Name: "C", Order: 2},
		{ID: 2, Name: "B", Order: 5, Until: q("2023Q1")},
		{ID: 6, Name: "F", Order: 3}, // same order as D: ID decides
	}
	tests := []struct {
		name string
		q    string
		want []string
	}{
		{"before E joins", "2023Q1", []string{"A", "C", "D", "F", "B"}},
		{"after B retires", "2023Q2", []string{"A", "C", "D", "F"}},
		{"E joined", "2023Q3", []string{"A", "C", "E", "D", "F"}},
		{"long ago", "2000Q1", []string{"A", "C", "D", "F", "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, u := range ActiveUnits(all, q(tt.q)) {
				got = append(got, u.Name)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ActiveUnits(%s) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
	if all[0].Name != "D" {
		t.Errorf("ActiveUnits reordered its input")
	}
}

func TestQingdaoUnits(t *testing.T) {
	want := []struct{ name, short, alias string }{
		{"市南区", "市南", ""}, {"市北区", "市北", ""}, {"李沧区", "李沧", ""}, {"崂山区", "崂山", ""},
		{"西海岸新区", "西海岸", "黄岛区"}, {"城阳区", "城阳", ""}, {"即墨区", "即墨", ""},
		{"胶州市", "胶州", ""}, {"平度市", "平度", ""}, {"莱西市", "莱西", ""},
	}
	us := QingdaoUnits()
	if len(us) != len(want) {
		t.Fatalf("QingdaoUnits() has %d units, want %d", len(us), len(want))
	}
	for i, w := range want {
		u := us[i]
		if u.Name != w.name || u.Short != w.short || u.Order != i+1 || u.ID != int64(i+1) {
			t.Errorf("unit %d = %+v, want %s(%s) order %d", i+1, u, w.name, w.short, i+1)
		}
		if (w.alias == "") != (len(u.Aliases) == 0) || (w.alias != "" && u.Aliases[0] != w.alias) {
			t.Errorf("unit %s aliases = %v, want %q", u.Name, u.Aliases, w.alias)
		}
		if !u.ActiveIn(MustQuarter("2023Q1")) {
			t.Errorf("unit %s not active", u.Name)
		}
	}
}
