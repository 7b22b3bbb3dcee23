package model

import (
	"strings"
	"time"
)

// Talk records that the 约谈 with a warned unit was held: when, and a note.
// It changes no result, so it may be recorded in a locked quarter (the talk
// follows the publication).
type Talk struct {
	Date string // YYYY-MM-DD
	Note string
}

// Held reports whether a talk is recorded.
func (t Talk) Held() bool { return t.Date != "" }

// dateLayouts are the ways a date may be typed (full-width digits are
// normalised first): 2023-4-10, 2023/4/10, 2023.4.10, 2023年4月10日, each
// with or without leading zeros.
var dateLayouts = []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"}

// ParseDate reads a date typed in one of dateLayouts, with full-width
// digits and spaces around it; ok is false for anything else and for a day
// that does not exist (2023-2-30).
func ParseDate(s string) (d time.Time, ok bool) {
	s = strings.TrimSpace(NormalizeNumber(s))
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ParseTalk checks a talk typed for quarter q: a date from the quarter's
// first day to ten years on (ParseDate), and a note of at most a
// commendation's length.
func ParseTalk(q Quarter, date, note string) (Talk, error) {
	d, ok := ParseDate(date)
	if !ok {
		return Talk{}, Errorf(ErrInvalid, "约谈日期“%s”格式不对或不存在，应写成 2023-04-10", Clip(date))
	}
	first := time.Date(q.Year, time.Month(3*q.Q-2), 1, 0, 0, 0, 0, time.UTC)
	if d.Before(first) || d.After(first.AddDate(10, 0, 0)) {
		return Talk{}, Errorf(ErrInvalid, "约谈日期 %s 不合理：%s 的约谈应在 %s 之后", d.Format("2006-01-02"), q, first.Format("2006-01-02"))
	}
	t := Talk{Date: d.Format("2006-01-02")}
	if strings.TrimSpace(note) != "" {
		var err error
		if t.Note, err = CheckName("约谈备注", note, MaxCommendationWidth); err != nil {
			return Talk{}, err
		}
	}
	return t, nil
}
