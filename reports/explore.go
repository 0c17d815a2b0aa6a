package reports

// The explorable part of report.html, shown on screen and left out of print: a council picker that shows
// one council's profile (KPIs by year with direction of travel, positions in its peer group, its
// neighbours with distances, its place on the funnel), and a league table of every council that sorts on
// any column and filters as one types, with a CSV download of the same rows as a data: URI. The page
// stays one self-contained file: the data are embedded as JSON and the script (exploreScript, a few dozen
// lines written for this page, no library) runs offline. Every survey figure resting on fewer than the
// disclosure threshold is withheld here as everywhere else.

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/study"
)

// exploreKPIs are the KPIs the profile lists by year.
var exploreKPIs = []string{"satisfaction_mean", "satisfied_share", "byod_uptake", "network_spend_per_employee", "compliance_spend_per_employee"}

type exploreOrg struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Group string `json:"group"`
	// Years are the KPI rows, oldest first: year, respondents, then one text per exploreKPIs.
	Years [][]string `json:"years"`
	// Positions in the latest year: KPI title, value, rank text, quartile text, direction.
	Positions [][]string `json:"positions"`
	// Neighbours nearest first: code, name, distance.
	Neighbours [][]string `json:"neighbours"`
	Funnel     string     `json:"funnel"`
}

type exploreView struct {
	Data       template.JS
	CSV        template.URL
	Header     []string
	Rows       [][]exploreCell
	KPITitles  []string
	LatestYear int32
}

// exploreCell is one league-table cell: its text and, for numbers, the value it sorts by.
type exploreCell struct {
	Text string
	Sort string
}

// buildExplore gathers the explorable view of a study.
func buildExplore(r *study.Result, f studyFacts, minGroup int) (*exploreView, error) {
	v := &exploreView{LatestYear: f.latestYear}
	for _, k := range exploreKPIs {
		v.KPITitles = append(v.KPITitles, kpiTitle(k))
	}
	groupOf := map[string]string{}
	var orgs []*exploreOrg
	byCode := map[string]*exploreOrg{}
	for _, o := range r.Organisations {
		e := &exploreOrg{Code: o.Code, Name: o.Name, Group: groupLabel(o.Type)}
		orgs = append(orgs, e)
		byCode[o.Code] = e
		groupOf[o.Code] = e.Group
	}
	latest := map[string]*benchmark.KPI{}
	for i := range r.KPIs {
		k := &r.KPIs[i]
		e := byCode[k.OrgCode]
		if e == nil {
			continue
		}
		row := []string{fmt.Sprint(k.Year), formatNumber(float64(k.Respondents), 0)}
		for _, name := range exploreKPIs {
			row = append(row, exploreValue(k, name, minGroup))
		}
		e.Years = append(e.Years, row)
		if k.Year == f.latestYear {
			latest[k.OrgCode] = k
		}
	}
	for i := range r.Positions {
		p := &r.Positions[i]
		e, k := byCode[p.OrgCode], latest[p.OrgCode]
		if e == nil || k == nil || p.Year != f.latestYear {
			continue
		}
		rank, quartile := fmt.Sprintf("%d of %d", p.Rank, p.GroupSize), cmp0(p.QuartileName)
		if p.NotRanked != "" {
			rank, quartile = "not ranked: "+p.NotRanked, "–"
		}
		row := []string{kpiTitle(p.KPI), formatKPI(p.KPI, p.Value), rank, quartile, cmp0(p.Direction)}
		if withheld(k, p.KPI, minGroup) {
			row = []string{kpiTitle(p.KPI), suppressed, suppressed, suppressed, suppressed}
		}
		e.Positions = append(e.Positions, row)
	}
	if r.Neighbours != nil {
		for _, n := range r.Neighbours.Rows {
			if e := byCode[n.OrgCode]; e != nil {
				e.Neighbours = append(e.Neighbours, []string{n.NeighbourCode, f.names[n.NeighbourCode], formatNumber(n.Distance, 3)})
			}
		}
	}
	for _, p := range r.FunnelPoints {
		e, k := byCode[p.OrgCode], latest[p.OrgCode]
		if e == nil || k == nil || p.Year != f.latestYear || p.KPI != "satisfaction_mean" {
			continue
		}
		if suppressedKPI(k, minGroup) {
			e.Funnel = fmt.Sprintf("%s: fewer than %d respondents.", suppressed, minGroup)
			continue
		}
		e.Funnel = fmt.Sprintf("%s with %s respondents: %s the 95%% limits and %s the 99.8%% limits (%s). %s",
			formatPoints(p.Value), formatNumber(float64(p.Respondents), 0), funnelWords(p.AdjFlag95), funnelWords(p.AdjFlag998),
			formatPoints(p.Target)+" sector value", funnelLimitsWords(r.Funnels, p))
	}
	data, err := json.Marshal(struct {
		Year int32         `json:"year"`
		KPIs []string      `json:"kpis"`
		Orgs []*exploreOrg `json:"orgs"`
	}{f.latestYear, v.KPITitles, orgs})
	if err != nil {
		return nil, err
	}
	v.Data = template.JS(data) // json.Marshal escapes <, > and &, so the text cannot end the script

	// The league table: every council in the latest year.
	v.Header = []string{"Organisation", "Code", "Peer group", "Respondents", kpiTitle("satisfaction_mean"), "Rank in group", "Quartile",
		kpiTitle("byod_uptake"), kpiTitle("network_spend_per_employee")}
	pos := map[string]*benchmark.Position{}
	for i := range r.Positions {
		if p := &r.Positions[i]; p.Year == f.latestYear && p.KPI == "satisfaction_mean" {
			pos[p.OrgCode] = p
		}
	}
	var csvRows [][]string
	for _, o := range r.Organisations {
		k := latest[o.Code]
		if k == nil {
			continue
		}
		num := func(text string, value float64, ok bool) exploreCell {
			if !ok || text == suppressed || text == "–" {
				return exploreCell{Text: text}
			}
			return exploreCell{Text: text, Sort: fmt.Sprint(value)}
		}
		rank, quartile := exploreCell{Text: "–"}, exploreCell{Text: "–"}
		if p := pos[o.Code]; p != nil && !withheld(k, "satisfaction_mean", minGroup) {
			if p.NotRanked != "" {
				rank.Text = "not ranked"
			} else {
				rank = exploreCell{Text: fmt.Sprint(p.Rank), Sort: fmt.Sprint(p.Rank)}
				quartile.Text = cmp0(p.QuartileName)
			}
		} else if p != nil {
			rank.Text, quartile.Text = suppressed, suppressed
		}
		sat := exploreValue(k, "satisfaction_mean", minGroup)
		row := []exploreCell{{Text: o.Name}, {Text: o.Code}, {Text: groupLabel(o.Type)},
			num(formatNumber(float64(k.Respondents), 0), float64(k.Respondents), true),
			num(sat, k.SatisfactionMean.Value, k.SatisfactionMean.Valid), rank, quartile,
			num(exploreValue(k, "byod_uptake", minGroup), k.BYODUptake.Value, k.BYODUptake.Valid),
			num(exploreValue(k, "network_spend_per_employee", minGroup), k.NetworkSpendPerEmployee.Value, k.NetworkSpendPerEmployee.Valid)}
		v.Rows = append(v.Rows, row)
		cr := make([]string, len(row))
		for i, c := range row {
			cr[i] = csvSafe(c.Text)
		}
		csvRows = append(csvRows, cr)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(v.Header)
	w.WriteAll(csvRows)
	v.CSV = template.URL("data:text/csv;charset=utf-8;base64," + base64.StdEncoding.EncodeToString(b.Bytes()))
	return v, nil
}

// exploreValue is a KPI of an org-year as the report writes it: "–" when empty, [c] when withheld.
func exploreValue(k *benchmark.KPI, kpi string, minGroup int) string {
	if withheld(k, kpi, minGroup) {
		return suppressed
	}
	v := kpiValue(k, kpi)
	if !v.Valid {
		return "–"
	}
	return formatKPI(kpi, v.Value)
}

// funnelLimitsWords says which limits a point's flags are read against, in the words of the funnel
// chart's caption: "Limits adjusted for overdispersion: additive, from z-scores not winsorised
// (--funnel-trim 0, the default)." or "Limits not adjusted for overdispersion (--funnel-adjust none)."
func funnelLimitsWords(fs []benchmark.Funnel, p benchmark.FunnelPoint) string {
	s := limitsAdjusted(p.Adjustment, ": ")
	if p.Adjustment == benchmark.AdjustNone {
		return s + " (--funnel-adjust none)."
	}
	if i := slices.IndexFunc(fs, func(f benchmark.Funnel) bool { return f.KPI == p.KPI && f.Year == p.Year }); i >= 0 {
		s += ", from " + trimWords(fs[i].Trim)
	}
	return s + "."
}

// funnelWords reads a funnel flag.
func funnelWords(flag string) string {
	switch flag {
	case "above":
		return "above"
	case "below":
		return "below"
	}
	return "within"
}

func cmp0(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// csvSafe keeps a spreadsheet from reading a cell as a formula (a name such as "=cmd" or "+44"), as the
// project's CSV writers do.
func csvSafe(s string) string {
	if s != "" && slices.Contains([]byte("=+-@\t\r"), s[0]) && s != "–" {
		return "'" + s
	}
	return strings.TrimSpace(s)
}
