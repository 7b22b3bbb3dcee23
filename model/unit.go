package model

import (
	"cmp"
	"slices"
	"strings"
)

// Unit is an assessed district or county-level city.
type Unit struct {
	ID      int64
	Name    string   // 市南区
	Short   string   // 市南
	Aliases []string // 黄岛区 for 西海岸新区
	Order   int      // official order, 1-based
	From    Quarter  // first quarter it takes part in; zero = always
	Until   Quarter  // last quarter it takes part in; zero = still active
	// DocName is the name documents use (公文用名: Qingdao's published
	// bulletins write 黄岛区 for 西海岸新区); "" = Name. Screens keep Name.
	DocName string
	// Attendee and Post are who attends the review meeting for the unit and
	// their post (出席人, 职务), printed under its name on the placard; ""
	// leaves the line out.
	Attendee, Post string
}

// CheckDocFields refuses a 公文用名, 出席人 or 职务 that cannot be printed
// safely ("" is none), as CheckName refuses names.
func CheckDocFields(u Unit) error {
	for _, f := range []struct {
		what, value string
		max         int
	}{{"公文用名", u.DocName, MaxUnitWidth}, {"出席人", u.Attendee, MaxAttendeeWidth}, {"职务", u.Post, MaxPostWidth}} {
		if f.value == "" {
			continue
		}
		if _, err := CheckName("区市“"+SafeText(u.Name)+"”的"+f.what, f.value, f.max); err != nil {
			return err
		}
	}
	return nil
}

// DocumentName is the name the bulletin, the annual bulletin and the
// meeting kit print: the 公文用名 when the unit has one.
func (u Unit) DocumentName() string { return cmp.Or(u.DocName, u.Name) }

// Bounds of the document fields of a unit: a 公文用名 is a unit's name; a
// post may be long (市委常委、区委书记).
const (
	MaxAttendeeWidth = 24
	MaxPostWidth     = 60
)

// ActiveIn reports whether u takes part in quarter q.
func (u Unit) ActiveIn(q Quarter) bool {
	if !u.From.IsZero() && q.Before(u.From) {
		return false
	}
	if !u.Until.IsZero() && u.Until.Before(q) {
		return false
	}
	return true
}

// Label is the short name when there is one, for narrow screens.
func (u Unit) Label() string { return cmp.Or(u.Short, u.Name) }

// Matches reports whether s names u: its name, short name or an alias.
func (u Unit) Matches(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if s == u.Name || s == u.Short {
		return true
	}
	for _, a := range u.Aliases {
		if s == a {
			return true
		}
	}
	return false
}

// FindUnit returns the unit that s names among units.
func FindUnit(units []Unit, s string) (Unit, error) {
	for _, u := range units {
		if u.Matches(s) {
			return u, nil
		}
	}
	return Unit{}, Errorf(ErrNotFound, "没有名为“%s”的区市", s)
}

// ActiveUnits returns the units of quarter q in official order.
func ActiveUnits(units []Unit, q Quarter) []Unit {
	out := make([]Unit, 0, len(units))
	for _, u := range units {
		if u.ActiveIn(q) {
			out = append(out, u)
		}
	}
	sortUnits(out)
	return out
}

func sortUnits(us []Unit) {
	slices.SortStableFunc(us, func(a, b Unit) int {
		if c := cmp.Compare(a.Order, b.Order); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// QingdaoUnits are the ten units a fresh database starts with, in official order.
func QingdaoUnits() []Unit {
	names := [][3]string{
		{"市南区", "市南", ""}, {"市北区", "市北", ""}, {"李沧区", "李沧", ""}, {"崂山区", "崂山", ""},
		{"西海岸新区", "西海岸", "黄岛区"}, {"城阳区", "城阳", ""}, {"即墨区", "即墨", ""},
		{"胶州市", "胶州", ""}, {"平度市", "平度", ""}, {"莱西市", "莱西", ""},
	}
	us := make([]Unit, len(names))
	for i, n := range names {
		us[i] = Unit{ID: int64(i + 1), Name: n[0], Short: n[1], Order: i + 1}
		if n[2] != "" {
			// 黄岛区 is also the name the published bulletins use.
			us[i].Aliases, us[i].DocName = []string{n[2]}, n[2]
		}
	}
	return us
}
