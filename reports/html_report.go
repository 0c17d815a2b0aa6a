package reports

// The sector report, out/report.html: one self-contained page (inline SVG and CSS, no scripts,
// fonts or requests) that prints on A4.

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// FileReport is the sector report's name in the output folder.
const FileReport = "report.html"

type effectView struct {
	Sentence                  string
	Meaning                   []string
	Estimate, CILow, CIHigh   string
	SE, P                     string
	BootLow, BootHigh, BootSE string
	Replications              string
	// Robust are the staggered-timing estimators' rows of the effect table.
	Robust []effectRow
}

type effectRow struct {
	Label, Estimate, CILow, CIHigh, SE, P string
}

type perYearView struct {
	Year                                            int32
	NRestricted, NUnrestricted                      int
	MeanRestricted, MeanUnrestricted, Difference, P string
}

type leagueRow struct {
	Rank, Code, Name, Respondents, Satisfaction, Satisfied, Quartile, Uptake, PSN, Restricted, SampleOK string
	NotRanked                                                                                           string
	Highlight                                                                                           bool
	// PrintHidden rows are left out of the printed copy, which lists the top and bottom
	// printLeagueRows ranked organisations of each group and the highlighted one.
	PrintHidden bool
}

// printLeagueRows is how many of the best and of the worst ranked organisations of each peer group
// the printed league tables list; the screen, benchmarks.csv and results.xlsx list them all.
const printLeagueRows = 10

type leagueGroup struct {
	Group string
	Count string
	Rows  []leagueRow
}

type scenarioLink struct{ Title, Href, Preferred string }

type reportView struct {
	Title, Dataset, Years, SyntheticNote string
	Synthetic                            bool
	Organisations, OrgYears              int
	SurveyRows                           string
	LatestYear                           int32
	MinGroup, MinRespondents             int
	Effect                               *effectView
	EffectUnavailable                    string
	PerYear                              []perYearView
	EventFig, TrendFig                   *figureView
	BoxSatisfaction, BoxSpend, Funnel    *figureView
	NeighboursFig                        *figureView
	HighlightName                        string
	Indicators                           string
	FunnelMethod                         string
	Explore                              *exploreView
	League                               []leagueGroup
	SuppressionNote                      string
	Scenarios                            []scenarioLink
	Files                                []string
}

// renderSectorReport builds report.html.
func renderSectorReport(in *Inputs, f studyFacts, charts []savedChart, minGroup int) ([]byte, error) {
	r := in.Study
	v := reportView{
		Title:          "BYOD, the PSN and staff satisfaction with ICT: sector benchmarking report",
		Dataset:        r.Summary.Dataset,
		Synthetic:      in.synthetic(),
		SyntheticNote:  cmp.Or(r.SyntheticNote, "The data are synthetic."),
		Organisations:  r.Summary.Organisations,
		OrgYears:       r.Summary.SurveyOrgYears,
		SurveyRows:     formatNumber(float64(r.Summary.Rows["survey_responses"]), 0),
		LatestYear:     f.latestYear,
		MinGroup:       minGroup,
		MinRespondents: benchmark.MinRespondents,
		HighlightName:  f.names[f.highlight],
		FunnelMethod:   funnelMethod(r),
		SuppressionNote: fmt.Sprintf("suppressed, fewer than %d respondents. Survey figures resting on so few staff of a named organisation are not shown.",
			minGroup),
		EventFig:        newFigure(chartByName(charts, "event_study")),
		TrendFig:        newFigure(chartByName(charts, "trend_satisfaction")),
		BoxSatisfaction: newFigure(chartByName(charts, "box_satisfaction_mean")),
		BoxSpend:        newFigure(chartByName(charts, "box_network_spend_per_employee")),
		Funnel:          newFigure(chartByName(charts, "funnel_satisfaction_mean")),
		NeighboursFig:   newFigure(chartByName(charts, "neighbours_"+safeFileStem(f.highlight)+"_satisfaction_mean")),
	}
	if ys := r.Summary.Years; len(ys) > 0 {
		v.Years = fmt.Sprintf("%d–%d", ys[0], ys[len(ys)-1])
	}
	for _, t := range sortedKeys(r.Summary.Files) {
		v.Files = append(v.Files, fmt.Sprintf("%s: %s", t, r.Summary.Files[t]))
	}
	if r.Neighbours != nil {
		var parts []string
		for _, ind := range r.Neighbours.Indicators {
			parts = append(parts, fmt.Sprintf("%s (weight %s)", ind.Name, trimZeros(fmt.Sprintf("%.2f", ind.Weight))))
		}
		v.Indicators = strings.Join(parts, ", ") + neighbourGrouping(r.Neighbours)
	} else {
		v.Indicators = "not available: " + r.NeighboursUnavailable
	}
	if e := r.Effect; e != nil {
		ev := &effectView{Sentence: effectSentence(e), Meaning: effectMeaning(e, sectorMean(r, f.latestYear)),
			Estimate: formatPoints(e.Estimate), CILow: formatPoints(e.CILow), CIHigh: formatPoints(e.CIHigh),
			SE: formatNumber(e.StdError, 3), P: formatP(e.PValue), Replications: formatNumber(float64(e.Bootstrap.Replications), 0)}
		if b := e.Bootstrap; b.CILow != nil && b.CIHigh != nil {
			ev.BootLow, ev.BootHigh = formatPoints(*b.CILow), formatPoints(*b.CIHigh)
			if b.StdError != nil {
				ev.BootSE = formatNumber(*b.StdError, 3)
			}
		}
		ev.Robust = robustRows(e)
		v.Effect = ev
		for _, y := range e.PerYear {
			row := perYearView{Year: y.Year, NRestricted: y.NRestricted, NUnrestricted: y.NUnrestricted,
				MeanRestricted: formatPoints(y.MeanRestricted), MeanUnrestricted: formatPoints(y.MeanUnrestricted),
				Difference: formatPoints(y.Difference), P: "–"}
			if y.WelchP != nil {
				row.P = strings.TrimPrefix(formatP(*y.WelchP), "p ")
			}
			if y.RespondentsRestricted < int64(minGroup) || y.RespondentsUnrestricted < int64(minGroup) {
				row.MeanRestricted, row.MeanUnrestricted, row.Difference, row.P = suppressed, suppressed, suppressed, suppressed
			}
			v.PerYear = append(v.PerYear, row)
		}
	} else {
		v.EffectUnavailable = r.EffectUnavailable
	}
	v.League = leagueTables(r, f, minGroup)
	ex, err := buildExplore(r, f, minGroup)
	if err != nil {
		return nil, err
	}
	v.Explore = ex
	titles := scenarioTitles(in.Scenarios)
	for i, s := range in.Scenarios {
		v.Scenarios = append(v.Scenarios, scenarioLink{Title: titles[i], Href: filepath.ToSlash(filepath.Join("scenarios", s.Name, FileBusinessCase)),
			Preferred: optionLabelOf(s.Result, s.Result.Preferred)})
	}
	return executeTemplate(reportTemplate, "report.html.tmpl", v)
}

// optionLabelOf is an option's label, found by name; the name when it has none.
func optionLabelOf(r *costmodel.Result, name string) string {
	if i := optionIndex(r, name); i >= 0 {
		return optionName(&r.Options[i])
	}
	return name
}

// sectorMean is the sector's satisfaction target (the funnel's) in a year, or 0.
func sectorMean(r *study.Result, year int32) float64 {
	for _, f := range r.Funnels {
		if f.KPI == "satisfaction_mean" && f.Year == year {
			return f.Target
		}
	}
	return 0
}

// leagueTables ranks each peer group's organisations on satisfaction in the latest year, using the
// positions the benchmark computed. Organisations whose satisfaction is withheld or missing follow,
// by name.
func leagueTables(r *study.Result, f studyFacts, minGroup int) []leagueGroup {
	rank := map[string]*benchmark.Position{}
	for i := range r.Positions {
		p := &r.Positions[i]
		if p.Year == f.latestYear && p.KPI == "satisfaction_mean" {
			rank[p.OrgCode] = p
		}
	}
	groups := map[string][]leagueRow{}
	type sortKey struct {
		rank int
		name string
	}
	keys := map[string]sortKey{}
	for i := range r.KPIs {
		k := &r.KPIs[i]
		if k.Year != f.latestYear {
			continue
		}
		row := leagueRow{Rank: "–", Code: k.OrgCode, Name: f.names[k.OrgCode], Respondents: formatNumber(float64(k.Respondents), 0),
			Satisfaction: "–", Satisfied: "–", Quartile: "–", Uptake: optText(k.BYODUptake, func(x float64) string { return formatPercent(x, 1) }),
			PSN: cmp.Or(strings.ReplaceAll(k.PSNStatus, "_", " "), "–"), Restricted: "–", SampleOK: "no", Highlight: k.OrgCode == f.highlight}
		if k.BYODRestricted != nil {
			row.Restricted = map[bool]string{true: "yes", false: "no"}[*k.BYODRestricted]
		}
		if k.SampleOK {
			row.SampleOK = "yes"
		}
		key := sortKey{rank: 1 << 30, name: row.Name}
		switch {
		case suppressedKPI(k, minGroup):
			row.Satisfaction, row.Satisfied, row.Rank, row.Quartile = suppressed, suppressed, suppressed, suppressed
		case k.SatisfactionMean.Valid:
			row.Satisfaction = formatPoints(k.SatisfactionMean.Value)
			row.Satisfied = optText(k.SatisfiedShare, func(x float64) string { return formatPercent(x, 1) })
			if p := rank[k.OrgCode]; p != nil {
				if p.NotRanked != "" {
					row.NotRanked = "not ranked: " + p.NotRanked
				} else {
					row.Rank = fmt.Sprintf("%d", p.Rank)
					row.Quartile = cmp.Or(p.QuartileName, "–")
					key.rank = p.Rank
				}
			}
		}
		groups[k.PeerGroup] = append(groups[k.PeerGroup], row)
		keys[k.OrgCode] = key
	}
	var out []leagueGroup
	for _, g := range sortedKeys(groups) {
		rows := groups[g]
		slices.SortStableFunc(rows, func(a, b leagueRow) int {
			ka, kb := keys[a.Code], keys[b.Code]
			return cmp.Or(cmp.Compare(ka.rank, kb.rank), strings.Compare(ka.name, kb.name), strings.Compare(a.Code, b.Code))
		})
		ranked := 0
		for _, row := range rows {
			if keys[row.Code].rank != 1<<30 {
				ranked++
			}
		}
		for i := range rows {
			top, bottom := i < printLeagueRows, i >= ranked-printLeagueRows && i < ranked
			rows[i].PrintHidden = !rows[i].Highlight && !top && !bottom
		}
		out = append(out, leagueGroup{Group: groupLabel(g), Count: plural(len(rows), "organisation", "organisations"), Rows: rows})
	}
	return out
}

// optText formats an optional value, "–" when empty.
func optText(o benchmark.Opt, f func(float64) string) string {
	if !o.Valid {
		return "–"
	}
	return f(o.Value)
}
