package model

import (
	"slices"
	"strings"
)

// Kit is the meeting kit of a quarter's review meeting (考核结果通报会): the
// seating chart, a placard per unit, who receives which flag, the order of
// speaking and the host's script (主持词). Units are named by their 公文用名,
// as the documents are.
type Kit struct {
	Quarter Quarter
	Title   string // 2023年三季度“摘星夺旗”考核结果通报会
	// Chart has the seats named by the 公文用名; its Seats, in seat order,
	// are the placards.
	Chart    SeatingChart
	Awards   []Award  // 授旗名单: flag rules in order, holders in seat order
	Speakers []Unit   // 发言顺序
	Speak    string   // how the speakers are ordered (SpeakOrderName)
	Host     []string // the 主持词, paragraph by paragraph
}

// Award is one flag handed over at the meeting.
type Award struct {
	Flag string
	Unit Unit
}

// KitOf assembles the meeting kit of r. An incomplete quarter is refused
// with the list of missing scores.
func KitOf(r *Result) (Kit, error) {
	chart, err := SeatingChartOf(r)
	if err != nil {
		return Kit{}, err
	}
	qn := r.Quarter.ChineseName()
	k := Kit{Quarter: r.Quarter, Title: qn + "“摘星夺旗”考核结果通报会", Speak: SpeakOrderName(r.Rules.Docs.SpeakOrder)}
	chart.Seats = append([]ChartSeat(nil), chart.Seats...)
	for i := range chart.Seats {
		chart.Seats[i].Unit.Name = chart.Seats[i].Unit.DocumentName()
	}
	k.Chart = chart

	var flagged []string // 夺得“…”红旗的是：…
	for _, rule := range r.Rules.Flags {
		holders := r.FlagHolders(rule.Name)
		for _, s := range holders {
			k.Awards = append(k.Awards, Award{Flag: rule.Name, Unit: s.Unit})
		}
		if len(holders) > 0 {
			flagged = append(flagged, "夺得“"+rule.Name+"”红旗的是："+docNames(holders))
		}
	}

	ranked := slices.Clone(r.Ranked()) // seat order
	switch r.Rules.Docs.SpeakOrder {
	case SpeakByOfficial:
		ranked = officialOrder(ranked)
	case SpeakReversed:
		slices.Reverse(ranked)
	}
	for _, s := range ranked {
		k.Speakers = append(k.Speakers, s.Unit)
	}

	var warned []Standing
	for _, s := range r.Ranked() {
		if s.Warned() {
			warned = append(warned, s)
		}
	}
	k.Host = hostScript(qn, flagged, speakerNames(k.Speakers), warned, r.Rules)
	return k, nil
}

// speakerNames joins the speakers' 公文用名 with 、.
func speakerNames(us []Unit) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.DocumentName()
	}
	return strings.Join(names, "、")
}

// hostScript is the one-page skeleton of the 主持词 with the quarter's facts
// filled in: the agenda, who receives which flag, the order of speaking,
// the units to be called in for a talk. ××× marks what the office fills in.
func hostScript(qn string, flagged []string, speakers string, warned []Standing, rules Rules) []string {
	items := []string{"请×××同志通报" + qn + "“摘星夺旗”考核结果"}
	if len(flagged) > 0 {
		items = append(items, "授旗。"+strings.Join(flagged, "；")+"。请以上区市负责同志上台领旗，请×××同志授旗")
	}
	items = append(items, "各区市依次发言，每个区市发言不超过×分钟。发言顺序为："+speakers, "请×××同志讲话")
	p := []string{
		"同志们：",
		"现在开会。今天召开" + qn + "全市经济运行及重点工作“摘星夺旗”考核结果通报会，通报" + qn + "考核结果，为夺旗区市授旗，进一步激励各区市比学赶超、加压奋进。",
		"出席今天会议的有：×××。",
		"会议共有" + chineseNumber(len(items)) + "项议程。",
	}
	for i, it := range items {
		p = append(p, "下面进行第"+chineseNumber(i+1)+"项议程，"+it+"。")
	}
	if len(warned) > 0 && len(rules.Warnings) > 0 {
		what := "约谈提醒"
		if len(rules.Warnings) == 1 {
			what = rules.Warnings[0].Name
		}
		p = append(p, "会后，对"+docNames(warned)+"进行"+what+"。")
	}
	return append(p, "同志们，……。", "散会。")
}
