package model

import (
	"reflect"
	"testing"
)

// TestDemoShowsEveryFeature guards the demo's story: if a change to the
// generator loses a feature, the demo no longer demonstrates it.
func TestDemoShowsEveryFeature(t *testing.T) {
	d := Demo(1)
	rs := ComputeSeries(d.Quarters)
	if len(rs) != 8 || rs[0].Quarter != MustQuarter("2022Q1") || rs[7].Quarter != MustQuarter("2023Q4") {
		t.Fatalf("quarters %v…", rs[0].Quarter)
	}
	var tieTop, tieFlag, sectionTie, flagA, flagB, warnRank, warnFall, red bool
	for _, r := range rs {
		if !r.Complete() {
			t.Errorf("%s incomplete", r.Quarter)
		}
		if want := 3; r.Quarter.Year == 2023 && r.Quarter.Q >= 3 {
			if len(r.Sections) != 4 {
				t.Errorf("%s has %d sections, want 4", r.Quarter, len(r.Sections))
			}
		} else if len(r.Sections) != want {
			t.Errorf("%s has %d sections, want 3", r.Quarter, len(r.Sections))
		}
		ranked := r.Ranked()
		tieTop = tieTop || ranked[1].Rank == 1
		tieFlag = tieFlag || (ranked[1].Rank == 2 && ranked[2].Rank == 2)
		for _, s := range ranked {
			for _, f := range s.Flags {
				flagA = flagA || f == FlagA
				flagB = flagB || f == FlagB
			}
			if s.Warned() {
				warnRank = warnRank || s.FromBottom <= 2
				warnFall = warnFall || (s.HasMovement() && s.Movement() <= -3)
			}
			red = red || s.RedMark
		}
		for j := range r.Sections {
			seen := map[int]bool{}
			for _, s := range ranked {
				sectionTie = sectionTie || seen[s.Sections[j].Rank]
				seen[s.Sections[j].Rank] = true
			}
		}
	}
	for name, ok := range map[string]bool{"tie at the top": tieTop, "tie at the flag boundary": tieFlag, "section tie": sectionTie,
		"flag A": flagA, "flag B": flagB, "warning by rank": warnRank, "warning by fall": warnFall, "red mark": red} {
		if !ok {
			t.Errorf("demo lacks %s", name)
		}
	}
	if !d.Quarters[6].Locked || d.Quarters[7].Locked {
		t.Errorf("want all but the last quarter locked")
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	if !reflect.DeepEqual(Demo(1), Demo(1)) {
		t.Error("Demo(1) differs between calls")
	}
	if reflect.DeepEqual(Demo(1).Quarters[0].Scores, Demo(2).Quarters[0].Scores) {
		t.Error("the seed does not change the scores")
	}
}
