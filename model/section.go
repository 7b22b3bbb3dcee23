package model

// Section is an assessment section of one quarter (经济运行, …).
type Section struct {
	ID     int64
	Name   string
	Weight Weight     // default 1
	Max    Hundredths // default 100.00
	Order  int        // display order, 1-based
}

// Adjustment is one adjustment item (加减分) of a quarter: a name and a
// range whose lower end may be negative (扣分). A quarter has any number of
// them, copied forward like its sections; each is optional per unit
// (missing = 0) and the composite adds them all.
type Adjustment struct {
	ID       int64
	Name     string
	Min, Max Hundredths
	Order    int // display order, 1-based
}

// AdjustKey addresses one adjustment of one unit: the unit's ID and the
// item's.
type AdjustKey struct{ Unit, Item int64 }

// DefaultSectionNames are the three sections the scheme started with.
var DefaultSectionNames = []string{"经济运行", "项目签约落地", "城市更新建设"}

// DefaultSections are the first quarter's sections (IDs 0): what a new
// database shows, creates and puts in the template.
func DefaultSections() []Section {
	out := make([]Section, len(DefaultSectionNames))
	for i, n := range DefaultSectionNames {
		out[i] = NewSection(n, i+1)
	}
	return out
}

// NewSection returns a section with the default weight and maximum.
func NewSection(name string, order int) Section {
	return Section{Name: name, Weight: WeightOne, Max: 10000, Order: order}
}

// DefaultAdjustment is 群众满意度加分, from 0 to 2: the one item the first
// quarter of a database has.
func DefaultAdjustment() Adjustment {
	return Adjustment{Name: "群众满意度加分", Min: 0, Max: 200, Order: 1}
}

// FindAdjustment returns the item of as named name.
func FindAdjustment(as []Adjustment, name string) (Adjustment, bool) {
	for _, a := range as {
		if a.Name == name {
			return a, true
		}
	}
	return Adjustment{}, false
}
