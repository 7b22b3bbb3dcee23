package model

// CheckRules refuses rules that the quarter d cannot use as they are
// (setup and the store check them before saving): a group none of whose
// units takes part in d's quarter.
func (d QuarterData) CheckRules(r Rules) error {
	active := make(map[int64]bool, len(d.Units))
	for _, u := range d.Units {
		active[u.ID] = true
	}
	for _, g := range r.Groups {
		n := 0
		for _, id := range g.Units {
			if active[id] {
				n++
			}
		}
		if n == 0 {
			return Errorf(ErrInvalid, "组别“%s”在 %s 没有参加考核的区市", g.Name, d.Quarter)
		}
	}
	return nil
}
