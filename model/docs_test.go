package model

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// qingdaoQ3 is a 2023Q3 of the ten Qingdao units like the published one:
// 西海岸新区 (公文用名 黄岛区) first, 市南区 and 李沧区 tied second, 李沧区
// up six places from eighth, 平度市 and 莱西市 last in both quarters.
func qingdaoQ3(t testing.TB, rules func(*Rules)) Result {
	t.Helper()
	units := QingdaoUnits()
	secs := ctSections([]string{"经济运行"}, nil)
	grid := func(points ...Hundredths) [][]Hundredths {
		g := make([][]Hundredths, len(points))
		for i, p := range points {
			g[i] = []Hundredths{p * 100}
		}
		return g
	}
	//                                    市南 市北 李沧 崂山 西海岸 城阳 即墨 胶州 平度 莱西
	q2 := ctGrid("2023Q2", units, secs, grid(95, 94, 80, 93, 96, 92, 91, 90, 79, 70))
	q3 := ctGrid("2023Q3", units, secs, grid(95, 94, 95, 93, 97, 92, 91, 90, 85, 70))
	if rules != nil {
		rules(&q3.Rules)
	}
	return ComputeSeries([]QuarterData{q2, q3})[1]
}

func TestBulletinSaysWhatThePublishedBulletinsSay(t *testing.T) {
	r := qingdaoQ3(t, nil)
	comm := map[int64]string{1: "在城市更新建设板块工作成效明显", 2: "在城市更新建设板块工作成效明显，予以表扬。"}
	b, err := BulletinWith(&r, comm, DocOptions{Date: "2023年11月7日"})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ what, got, want string }{
		{"title", b.Title, "青岛市综合考核委员会关于2023年三季度全市经济运行及重点工作“摘星夺旗”考核结果的通报"},
		{"opening", b.Opening, "近期，根据《2023年度经济运行及重点工作季度“摘星夺旗”考核办法》，组织开展了2023年三季度“摘星夺旗”考核。现将考核结果通报如下。"},
		{"flags: ties written out, 夺得, the rise stated", b.FlagText,
			"黄岛区居第1位，市南区、李沧区并列第2位，均夺得“真抓实干、勇当排头”红旗；李沧区前进6位，夺得“加压奋进、进位赶超”红旗。"},
		{"commendations merged, official order", strings.Join(b.Commendations, "|"), "同时，对市南区、市北区在城市更新建设板块工作成效明显予以表扬。"},
		{"warnings in the 文件", b.WarnText,
			"平度市、莱西市综合成绩位列后2名或位次较上季度后退3位及以上，予以约谈提醒；其中，平度市、莱西市已连续2个季度受到约谈提醒，亮红牌。"},
		{"ranges", b.Covered, "本季度考核经济运行共1个板块，综合得分为各板块得分之和，另计群众满意度加分（0至2分）。各区市综合成绩如下："},
		{"stars without a total", strings.Join(b.Stars.Header, ","), "区市,经济运行"},
		{"the 公文用名 in the tables", b.Ranking.Rows[0][1].Text + b.Stars.Rows[4][0].Text, "黄岛区黄岛区"},
		{"date", b.Date, "2023年11月7日"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.what, c.got, c.want)
		}
	}
	if strings.Contains(b.Covered+b.StarsText, "–") {
		t.Errorf("an en dash in a range: %q", b.Covered)
	}
	// The body: both headings, the tables, every sentence once, in order.
	var body []string
	for _, bl := range b.Body {
		switch {
		case bl.Table != nil:
			body = append(body, "[表:"+bl.Table.Title+"]")
		default:
			body = append(body, bl.Text)
		}
	}
	want := []string{BulletinPart1, b.Covered, "[表:2023年三季度综合成绩]", b.FlagText, b.WarnText, BulletinPart2, b.StarsText,
		b.Commendations[0], "各区市单项板块星级如下：", "[表:2023年三季度单项板块星级]"}
	if !slices.Equal(body, want) {
		t.Errorf("body\n got %q\nwant %q", body, want)
	}
}

// TestBulletinVersions: the 简报 has its own title, none of the 文件's
// lines and no warnings paragraph; the settings turn the paragraph on in
// the 简报, off in the 文件, and add the stars total.
func TestBulletinVersions(t *testing.T) {
	r := qingdaoQ3(t, func(r *Rules) {
		r.Docs = DocSettings{Addressee: "各区、市党委和人民政府，市直有关部门（单位）：", Number: "青考核办〔2023〕5号", CopyTo: "市委办公厅", Issuer: "青岛市综合考核委员会办公室"}
	})
	file, _ := BulletinWith(&r, nil, DocOptions{})
	brief, _ := BulletinWith(&r, nil, DocOptions{Version: VersionBrief})
	if file.Version != VersionFile || file.Number != "青考核办〔2023〕5号" || file.Addressee == "" || file.CopyTo == "" || file.Issuer == "" || file.WarnText == "" {
		t.Errorf("文件: %+v", file)
	}
	if file.Date != DateBlank {
		t.Errorf("no date: %q, want the blank %q", file.Date, DateBlank)
	}
	if brief.Title != "2023年三季度全市经济运行及重点工作“摘星夺旗”考核结果" || brief.Number+brief.Addressee+brief.CopyTo+brief.Issuer+brief.WarnText != "" {
		t.Errorf("简报: %+v", brief)
	}
	r.Rules.Docs.BriefHasWarnings, r.Rules.Docs.FileOmitsWarnings, r.Rules.Docs.StarsTotal = true, true, true
	r.Rules.Docs.Version = VersionBrief
	file, _ = BulletinWith(&r, nil, DocOptions{Version: VersionFile})
	brief, _ = BulletinWith(&r, nil, DocOptions{}) // the rules' version
	if file.WarnText != "" || brief.WarnText == "" || brief.Version != VersionBrief {
		t.Errorf("settings: 文件 %q, 简报 %q (%s)", file.WarnText, brief.WarnText, brief.Version)
	}
	if h := brief.Stars.Header; h[len(h)-1] != "合计" {
		t.Errorf("stars total: %v", h)
	}
}

// TestBulletinFlagFactsWithGroups: a rank rule judged within groups gives
// each group's places; a rule among all units the overall ones.
func TestBulletinFlagFactsWithGroups(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 80, 70, 60, 50, 40)
	d.Rules.Groups = []Group{{Name: "区", Units: []int64{1, 3, 5}}, {Name: "县级市", Units: []int64{2, 4, 6}}}
	d.Rules.Flags = []Rule{
		{Name: "组内旗", Colour: "red", When: []Condition{{Kind: RankAtMost, Threshold: 1}}},
		{Name: "全体旗", Colour: "red", AllUnits: true, When: []Condition{{Kind: RankAtMost, Threshold: 2}}},
	}
	r := Compute(d, nil)
	b, err := BulletinOf(&r, nil, signed)
	if err != nil {
		t.Fatal(err)
	}
	want := "在区中，U01居第1位；在县级市中，U02居第1位，均夺得“组内旗”红旗；U01居第1位，U02居第2位，均夺得“全体旗”红旗。"
	if b.FlagText != want {
		t.Errorf("flags\n got %q\nwant %q", b.FlagText, want)
	}
}

func TestBreakTitleKeepsPhrasesWhole(t *testing.T) {
	file, fp := documentTitle("青岛市综合考核委员会", "2023年三季度", VersionFile)
	brief, bp := documentTitle("青岛市综合考核委员会", "2023年三季度", VersionBrief)
	cases := []struct {
		phrases []string
		want    []string
	}{
		{fp, []string{"青岛市综合考核委员会关于", "2023年三季度全市经济运行及重点工作", "“摘星夺旗”考核结果的通报"}},
		{bp, []string{"2023年三季度全市经济运行", "及重点工作“摘星夺旗”考核结果"}},
	}
	for _, c := range cases {
		if got := BreakTitle(c.phrases, TitleWidth); !slices.Equal(got, c.want) {
			t.Errorf("BreakTitle\n got %q\nwant %q", got, c.want)
		}
	}
	if strings.Join(cases[0].want, "") != file || strings.Join(cases[1].want, "") != brief {
		t.Errorf("the lines are not the titles %q %q", file, brief)
	}
	// Random phrases: every line fits, no phrase is split, no fewer lines
	// would do.
	rng := rand.New(rand.NewPCG(7, 14))
	for range 500 {
		var ps []string
		for range 1 + rng.IntN(12) {
			ps = append(ps, strings.Repeat("字", 1+rng.IntN(8))+strings.Repeat("2", rng.IntN(3)))
		}
		lines := BreakTitle(ps, TitleWidth)
		if strings.Join(lines, "") != strings.Join(ps, "") {
			t.Fatalf("%q → %q", ps, lines)
		}
		total, k, at := 0, 0, 0
		for _, p := range ps {
			total += nameWidth(p)
		}
		for _, l := range lines {
			if nameWidth(l) > TitleWidth {
				t.Fatalf("line %q too wide", l)
			}
			for at < len(ps) && k+len(ps[at]) <= len(l) { // the line is whole phrases
				k += len(ps[at])
				at++
			}
			if k != len(l) {
				t.Fatalf("%q splits a phrase of %q", l, ps)
			}
			k = 0
		}
		if min := (total + TitleWidth - 1) / TitleWidth; len(lines) < min {
			t.Fatalf("%d lines for width %d", len(lines), total)
		}
	}
}

func TestSigningDate(t *testing.T) {
	last := MustQuarter("2023Q3").LastDay()
	if last != time.Date(2023, 9, 30, 0, 0, 0, 0, time.UTC) {
		t.Fatalf("LastDay %v", last)
	}
	given := time.Date(2023, 11, 7, 0, 0, 0, 0, time.UTC)
	at := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 15, 0, 0, 0, time.Local) }
	cases := []struct {
		name  string
		given *time.Time
		now   time.Time
		want  string
	}{
		{"--date", &given, at(2026, 1, 1), "2023年11月7日"},
		{"the day after the quarter", nil, at(2023, 10, 1), "2023年10月1日"},
		{"90 days after", nil, at(2023, 12, 29), "2023年12月29日"},
		{"91 days after", nil, at(2023, 12, 30), ""},
		{"before the quarter ended", nil, at(2023, 9, 30), ""},
	}
	for _, c := range cases {
		if got := SigningDate(c.given, last, c.now); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestMethodNameCarriesTheYear(t *testing.T) {
	r := DefaultRules()
	if got := r.MethodName(2024); got != "2024年度经济运行及重点工作季度“摘星夺旗”考核办法" {
		t.Errorf("default: %q", got)
	}
	r.Method = "《2023年度某市考核办法》"
	if got := r.MethodName(2023); got != "2023年度某市考核办法" {
		t.Errorf("typed with a year: %q", got)
	}
	if got := r.CarriedInto(MustQuarter("2024Q1")).Method; got != "2024年度某市考核办法" {
		t.Errorf("carried into 2024: %q", got)
	}
	r.Method = "2023年度某市考核办法"
	if got := r.CarriedInto(MustQuarter("2023Q4")).Method; got != r.Method {
		t.Errorf("same year renamed: %q", got)
	}
	if got := r.CarriedInto(MustQuarter("2025Q1")).Method; got != "2025年度某市考核办法" {
		t.Errorf("carried into 2025: %q", got)
	}
}

// TestAnnualBulletin: the demo's 2023 (按比例: three sections, then four)
// with its ranks, tiers, flags per unit, first places and 进位显著奖 as
// the year view computes them; a vetoed unit is named out of the top tier.
func TestAnnualBulletin(t *testing.T) {
	rs := ComputeSeries(Demo(1).Quarters)
	a := AnnualView(2023, rs, rs)
	b, err := AnnualBulletinOf(a, DocOptions{Date: "2024年1月15日"})
	if err != nil {
		t.Fatal(err)
	}
	all := b.Title + "\n" + b.Opening
	for _, bl := range b.Body {
		all += "\n" + bl.Text
	}
	for _, s := range []string{
		"青岛市综合考核委员会关于2023年度全市经济运行及重点工作“摘星夺旗”考核结果的通报",
		"《2023年度经济运行及重点工作季度“摘星夺旗”考核办法》",
		"一、年度综合成绩", "按比例", "为优秀等次", "为良好等次", "为合格等次",
		"二、夺旗情况", "（一）“真抓实干、勇当排头”红旗", "（二）“加压奋进、进位赶超”红旗",
		"三、单项板块第一", "四、进位显著奖", "与2022年度相比",
	} {
		if !strings.Contains(all, s) {
			t.Errorf("annual bulletin lacks %q:\n%s", s, all)
		}
	}
	flags := 0
	for _, r := range a.Rows {
		flags += r.FlagTotal()
	}
	if !strings.Contains(all, "本年度共授予红旗"+strconv.Itoa(flags)+"面") {
		t.Errorf("flags total %d not said:\n%s", flags, all)
	}
	if got := b.Ranking.Rows[0]; got[1].Text != a.Rows[0].Unit.DocumentName() || got[3].Text != "优秀" {
		t.Errorf("first row %v", got)
	}

	// Vetoing the year's first unit in Q4 moves it out of 优秀, and says so.
	d := Demo(1)
	first := a.Rows[0].Unit
	for i := range d.Quarters {
		if d.Quarters[i].Quarter == MustQuarter("2023Q4") {
			d.Quarters[i].Vetoes = map[int64]string{first.ID: "发生重大安全生产事故"}
		}
	}
	rs = ComputeSeries(d.Quarters)
	b, _ = AnnualBulletinOf(AnnualView(2023, rs, rs), DocOptions{})
	all = ""
	for _, bl := range b.Body {
		all += bl.Text
	}
	if !strings.Contains(all, first.DocumentName()+"本年度有季度被一票否决，不评优秀等次。") {
		t.Errorf("veto not said:\n%s", all)
	}
	if _, err := AnnualBulletinOf(AnnualView(2030, rs, rs), DocOptions{}); err == nil {
		t.Error("a year without quarters drafted")
	}
}

func TestKit(t *testing.T) {
	r := qingdaoQ3(t, nil)
	k, err := KitOf(&r)
	if err != nil {
		t.Fatal(err)
	}
	var seats, awards, speakers []string
	for _, p := range k.Chart.Seats {
		seats = append(seats, p.Unit.Name)
	}
	for _, a := range k.Awards {
		awards = append(awards, a.Flag[:6]+a.Unit.DocumentName())
	}
	for _, u := range k.Speakers {
		speakers = append(speakers, u.DocumentName())
	}
	wantSeats := []string{"黄岛区", "市南区", "李沧区", "市北区", "崂山区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市"}
	if !slices.Equal(seats, wantSeats) || !slices.Equal(speakers, wantSeats) {
		t.Errorf("placards %v speakers %v", seats, speakers)
	}
	if want := []string{"真抓黄岛区", "真抓市南区", "真抓李沧区", "加压李沧区"}; !slices.Equal(awards, want) {
		t.Errorf("awards %v, want %v", awards, want)
	}
	host := strings.Join(k.Host, "\n")
	for _, s := range []string{"会议共有四项议程", "夺得“真抓实干、勇当排头”红旗的是：黄岛区、市南区、李沧区", "发言顺序为：黄岛区、市南区、李沧区、市北区",
		"会后，对平度市、莱西市进行约谈提醒。"} {
		if !strings.Contains(host, s) {
			t.Errorf("主持词 lacks %q:\n%s", s, host)
		}
	}
	for _, c := range []struct {
		order string
		first string
	}{{SpeakByOfficial, "市南区"}, {SpeakReversed, "莱西市"}} {
		r := qingdaoQ3(t, func(r *Rules) { r.Docs.SpeakOrder = c.order })
		k, _ := KitOf(&r)
		if k.Speakers[0].DocumentName() != c.first || k.Chart.Seats[0].Unit.Name != "黄岛区" {
			t.Errorf("%s: first speaker %s, first seat %s", c.order, k.Speakers[0].Name, k.Chart.Seats[0].Unit.Name)
		}
	}
}
