package reports

// The research outputs of a study: the tables a researcher loads (benchmarks, peers, positions,
// funnel points) and the restriction effect as JSON. Every file is written under a temporary name and
// renamed when complete (the datasets writers do it), floats are written in full precision, empty
// values are empty cells (CSV) or nulls (Parquet), and text that came from input files goes through
// resultfile.SafeCell on its way into CSV, so no cell runs as a spreadsheet formula.

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/psnbyod/psnbyod/analysis/benchmark"
	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets/contract"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// Names of the files the research writers put in the output folder.
const (
	fileSummary           = "dataset_summary.json"
	fileBenchmarksCSV     = "benchmarks.csv"
	fileBenchmarksParq    = "benchmarks.parquet"
	filePeers             = "peers.csv"
	filePositions         = "positions.csv"
	fileFunnel            = "funnel.csv"
	fileRestrictionEffect = "restriction_effect.json"
)

// WriteResearch writes every output of a study into dir: the dataset summary, the benchmark tables
// and, when the data identify it, the restriction effect. It returns the paths written, in order.
func WriteResearch(dir string, r *study.Result) ([]string, error) {
	written := []string{filepath.Join(dir, fileSummary)}
	if err := resultfile.WriteJSON(written[0], r.Summary); err != nil {
		return nil, err
	}
	more, err := WriteBenchmarks(dir, r)
	written = append(written, more...)
	if err != nil {
		return written, err
	}
	if r.Effect == nil {
		return written, nil
	}
	more, err = WriteEffect(dir, r)
	return append(written, more...), err
}

// WriteBenchmarks writes benchmarks.parquet and benchmarks.csv (one row per org-year), peers.csv
// (when neighbours were found), positions.csv and funnel.csv into dir, and returns the paths written.
func WriteBenchmarks(dir string, r *study.Result) ([]string, error) {
	type output struct {
		name   string
		format resultfile.Format
		table  *resultfile.Table
	}
	kpis := benchmarkTable(r)
	outs := []output{
		{fileBenchmarksParq, resultfile.FormatParquet, kpis},
		{fileBenchmarksCSV, resultfile.FormatCSV, kpis},
	}
	if r.Neighbours != nil {
		outs = append(outs, output{filePeers, resultfile.FormatCSV, peersTable(r)})
	}
	outs = append(outs,
		output{filePositions, resultfile.FormatCSV, positionsTable(r.Positions)},
		output{fileFunnel, resultfile.FormatCSV, funnelTable(r.FunnelPoints)})
	// The files are written at once, each to a temporary file renamed into place when complete.
	errs := make([]error, len(outs))
	var wg sync.WaitGroup
	for i, o := range outs {
		wg.Go(func() { errs[i] = resultfile.WriteTable(filepath.Join(dir, o.name), o.format, o.table) })
	}
	wg.Wait()
	var written []string
	for i, o := range outs {
		if errs[i] != nil {
			return written, errs[i]
		}
		written = append(written, filepath.Join(dir, o.name))
	}
	return written, nil
}

// effectFile is the content of restriction_effect.json: the effect package's result as it marshals,
// with the dataset named and, for the synthetic default dataset, the note that says so.
type effectFile struct {
	Dataset           string `json:"dataset"`
	SyntheticDataNote string `json:"synthetic_data_note,omitempty"`
	*effect.Result
}

// WriteEffect writes restriction_effect.json into dir. It fails when the study could not estimate the
// effect, saying why.
func WriteEffect(dir string, r *study.Result) ([]string, error) {
	if r.Effect == nil {
		return nil, fmt.Errorf("restriction effect not estimated: %s", r.EffectUnavailable)
	}
	path := filepath.Join(dir, fileRestrictionEffect)
	f := effectFile{Dataset: r.Summary.Dataset, SyntheticDataNote: r.SyntheticNote, Result: r.Effect}
	if err := resultfile.WriteJSON(path, f); err != nil {
		return nil, err
	}
	return []string{path}, nil
}

// benchmarkTable is benchmarks.{csv,parquet}: one row per org-year with the KPI columns of issue 3 in
// its order, then extras (the median, SD, Kish's effective sample size and Σweight of satisfaction).
func benchmarkTable(r *study.Result) *resultfile.Table {
	k := r.KPIs
	opt := func(name string, f func(*benchmark.KPI) benchmark.Opt) resultfile.TableColumn {
		c := resultfile.TableColumn{Name: name, Kind: resultfile.KindFloat64, Float: make([]float64, len(k)), Valid: make([]bool, len(k))}
		for i := range k {
			o := f(&k[i])
			c.Float[i], c.Valid[i] = o.Value, o.Valid
		}
		return c
	}
	// Survey extras exist only for org-years with respondents.
	survey := func(name string, f func(*benchmark.Survey) float64) resultfile.TableColumn {
		return opt(name, func(x *benchmark.KPI) benchmark.Opt {
			if x.Respondents == 0 {
				return benchmark.Opt{}
			}
			return benchmark.Some(f(&x.Survey))
		})
	}
	name := func(x *benchmark.KPI) string { return orgName(r.Organisations, x.Org) }
	restricted := resultfile.TableColumn{Name: "byod_restricted", Kind: resultfile.KindBool, Bool: make([]bool, len(k)), Valid: make([]bool, len(k))}
	psn := resultfile.TableColumn{Name: "psn_status", Kind: resultfile.KindString, Str: make([]string, len(k)), Valid: make([]bool, len(k))}
	for i := range k {
		if b := k[i].BYODRestricted; b != nil {
			restricted.Bool[i], restricted.Valid[i] = *b, true
		}
		psn.Str[i], psn.Valid[i] = k[i].PSNStatus, k[i].PSNStatus != ""
	}
	return &resultfile.Table{Columns: []resultfile.TableColumn{
		strCol("org_code", k, func(x *benchmark.KPI) string { return x.OrgCode }),
		strCol("name", k, name),
		intCol("year", resultfile.KindInt32, k, func(x *benchmark.KPI) int64 { return int64(x.Year) }),
		intCol("respondents", resultfile.KindInt64, k, func(x *benchmark.KPI) int64 { return x.Respondents }),
		opt("satisfaction_mean", func(x *benchmark.KPI) benchmark.Opt { return x.SatisfactionMean }),
		opt("satisfaction_se", func(x *benchmark.KPI) benchmark.Opt { return x.SatisfactionSE }),
		opt("satisfied_share", func(x *benchmark.KPI) benchmark.Opt { return x.SatisfiedShare }),
		opt("byod_share", func(x *benchmark.KPI) benchmark.Opt { return x.BYODShare }),
		opt("remote_access_mean", func(x *benchmark.KPI) benchmark.Opt { return x.RemoteAccessMean }),
		opt("device_satisfaction_mean", func(x *benchmark.KPI) benchmark.Opt { return x.DeviceSatisfactionMean }),
		opt("byod_uptake", func(x *benchmark.KPI) benchmark.Opt { return x.BYODUptake }),
		opt("devices_per_employee", func(x *benchmark.KPI) benchmark.Opt { return x.DevicesPerEmployee }),
		opt("network_spend_per_site", func(x *benchmark.KPI) benchmark.Opt { return x.NetworkSpendPerSite }),
		opt("network_spend_per_employee", func(x *benchmark.KPI) benchmark.Opt { return x.NetworkSpendPerEmployee }),
		opt("compliance_spend_per_employee", func(x *benchmark.KPI) benchmark.Opt { return x.ComplianceSpendPerEmployee }),
		psn,
		restricted,
		boolCol("sample_ok", k, func(x *benchmark.KPI) bool { return x.SampleOK }),
		strCol("peer_group", k, func(x *benchmark.KPI) string { return x.PeerGroup }),
		opt("satisfaction_median", func(x *benchmark.KPI) benchmark.Opt { return x.SatisfactionMedian }),
		survey("satisfaction_sd", func(s *benchmark.Survey) float64 { return s.SD }),
		opt("effective_respondents", func(x *benchmark.KPI) benchmark.Opt { return x.EffectiveRespondents }),
		survey("sum_weight", func(s *benchmark.Survey) float64 { return s.SumWeight }),
	}}
}

// peersTable is peers.csv: each organisation's nearest neighbours, nearest first, with each
// indicator's share of the squared distance in a contribution_<indicator> column.
func peersTable(r *study.Result) *resultfile.Table {
	rows := r.Neighbours.Rows
	byCode := make(map[string]string, len(r.Organisations))
	for _, o := range r.Organisations {
		byCode[o.Code] = o.Name
	}
	t := &resultfile.Table{Columns: []resultfile.TableColumn{
		strCol("organisation", rows, func(n *benchmark.Neighbour) string { return n.OrgCode }),
		strCol("organisation_name", rows, func(n *benchmark.Neighbour) string { return byCode[n.OrgCode] }),
		strCol("neighbour", rows, func(n *benchmark.Neighbour) string { return n.NeighbourCode }),
		strCol("neighbour_name", rows, func(n *benchmark.Neighbour) string { return byCode[n.NeighbourCode] }),
		intCol("rank", resultfile.KindInt64, rows, func(n *benchmark.Neighbour) int64 { return int64(n.Rank) }),
		floatCol("distance", rows, func(n *benchmark.Neighbour) float64 { return n.Distance }),
		floatCol("raw_distance", rows, func(n *benchmark.Neighbour) float64 { return n.RawDistance }),
	}}
	for j, ind := range r.Neighbours.Indicators {
		t.Columns = append(t.Columns, floatCol("contribution_"+ind.Name, rows, func(n *benchmark.Neighbour) float64 { return n.Contributions[j] }))
	}
	return t
}

// positionsTable is positions.csv: each org-year's place in its peer group and year on every
// positioned KPI.
func positionsTable(ps []benchmark.Position) *resultfile.Table {
	opt := func(name string, f func(*benchmark.Position) benchmark.Opt) resultfile.TableColumn {
		c := resultfile.TableColumn{Name: name, Kind: resultfile.KindFloat64, Float: make([]float64, len(ps)), Valid: make([]bool, len(ps))}
		for i := range ps {
			o := f(&ps[i])
			c.Float[i], c.Valid[i] = o.Value, o.Valid
		}
		return c
	}
	// Rank and percentile are empty for an organisation shown but not ranked (not_ranked says why).
	rank := intCol("rank", resultfile.KindInt64, ps, func(p *benchmark.Position) int64 { return int64(p.Rank) })
	percentile := floatCol("percentile", ps, func(p *benchmark.Position) float64 { return p.Percentile })
	rank.Valid, percentile.Valid = make([]bool, len(ps)), make([]bool, len(ps))
	for i := range ps {
		rank.Valid[i], percentile.Valid[i] = ps[i].NotRanked == "", ps[i].NotRanked == ""
	}
	quartile := intCol("quartile", resultfile.KindInt64, ps, func(p *benchmark.Position) int64 { return int64(p.Quartile) })
	quartile.Valid = make([]bool, len(ps))
	for i := range ps {
		quartile.Valid[i] = ps[i].Quartile != 0 // 0 means the group is too small for quartiles
	}
	return &resultfile.Table{Columns: []resultfile.TableColumn{
		strCol("org_code", ps, func(p *benchmark.Position) string { return p.OrgCode }),
		intCol("year", resultfile.KindInt32, ps, func(p *benchmark.Position) int64 { return int64(p.Year) }),
		strCol("kpi", ps, func(p *benchmark.Position) string { return p.KPI }),
		strCol("polarity", ps, func(p *benchmark.Position) string { return p.Polarity.String() }),
		strCol("peer_group", ps, func(p *benchmark.Position) string { return p.PeerGroup }),
		floatCol("value", ps, func(p *benchmark.Position) float64 { return p.Value }),
		intCol("group_size", resultfile.KindInt64, ps, func(p *benchmark.Position) int64 { return int64(p.GroupSize) }),
		rank,
		percentile,
		quartile,
		strCol("quartile_name", ps, func(p *benchmark.Position) string { return p.QuartileName }),
		opt("z_score", func(p *benchmark.Position) benchmark.Opt { return p.ZScore }),
		opt("previous", func(p *benchmark.Position) benchmark.Opt { return p.Previous }),
		opt("change", func(p *benchmark.Position) benchmark.Opt { return p.Change }),
		strCol("direction", ps, func(p *benchmark.Position) string { return p.Direction }),
		strCol("not_ranked", ps, func(p *benchmark.Position) string { return p.NotRanked }),
	}}
}

// funnelTable is funnel.csv: each org-year's point on the funnels of satisfaction_mean and
// satisfied_share, with the 95% and 99.8% limits at its number of respondents, unadjusted and adjusted
// for overdispersion (the adjustment, φ and τ² of its funnel alongside, estimated at the run's
// --funnel-trim, which research.json's funnels and the manifest's command line record), and its flag
// under each.
func funnelTable(pts []benchmark.FunnelPoint) *resultfile.Table {
	return &resultfile.Table{Columns: []resultfile.TableColumn{
		strCol("org_code", pts, func(p *benchmark.FunnelPoint) string { return p.OrgCode }),
		intCol("year", resultfile.KindInt32, pts, func(p *benchmark.FunnelPoint) int64 { return int64(p.Year) }),
		strCol("kpi", pts, func(p *benchmark.FunnelPoint) string { return p.KPI }),
		intCol("respondents", resultfile.KindInt64, pts, func(p *benchmark.FunnelPoint) int64 { return p.Respondents }),
		floatCol("value", pts, func(p *benchmark.FunnelPoint) float64 { return p.Value }),
		floatCol("target", pts, func(p *benchmark.FunnelPoint) float64 { return p.Target }),
		floatCol("lower_95", pts, func(p *benchmark.FunnelPoint) float64 { return p.Lower95 }),
		floatCol("upper_95", pts, func(p *benchmark.FunnelPoint) float64 { return p.Upper95 }),
		floatCol("lower_998", pts, func(p *benchmark.FunnelPoint) float64 { return p.Lower998 }),
		floatCol("upper_998", pts, func(p *benchmark.FunnelPoint) float64 { return p.Upper998 }),
		strCol("flag_95", pts, func(p *benchmark.FunnelPoint) string { return p.Flag95 }),
		strCol("flag_998", pts, func(p *benchmark.FunnelPoint) string { return p.Flag998 }),
		strCol("adjustment", pts, func(p *benchmark.FunnelPoint) string { return p.Adjustment.String() }),
		floatCol("phi", pts, func(p *benchmark.FunnelPoint) float64 { return p.Phi }),
		floatCol("tau2", pts, func(p *benchmark.FunnelPoint) float64 { return p.Tau2 }),
		floatCol("adj_lower_95", pts, func(p *benchmark.FunnelPoint) float64 { return p.AdjLower95 }),
		floatCol("adj_upper_95", pts, func(p *benchmark.FunnelPoint) float64 { return p.AdjUpper95 }),
		floatCol("adj_lower_998", pts, func(p *benchmark.FunnelPoint) float64 { return p.AdjLower998 }),
		floatCol("adj_upper_998", pts, func(p *benchmark.FunnelPoint) float64 { return p.AdjUpper998 }),
		strCol("adj_flag_95", pts, func(p *benchmark.FunnelPoint) string { return p.AdjFlag95 }),
		strCol("adj_flag_998", pts, func(p *benchmark.FunnelPoint) string { return p.AdjFlag998 }),
	}}
}

// orgName names an organisation index, or "" outside the table.
func orgName(orgs []contract.Organisation, i int32) string {
	if i < 0 || int(i) >= len(orgs) {
		return ""
	}
	return orgs[i].Name
}

// The column builders below read one field of every row; empty text is an empty cell.

func strCol[T any](name string, rows []T, f func(*T) string) resultfile.TableColumn {
	c := resultfile.TableColumn{Name: name, Kind: resultfile.KindString, Str: make([]string, len(rows))}
	for i := range rows {
		c.Str[i] = f(&rows[i])
	}
	return c
}

func intCol[T any](name string, kind resultfile.Kind, rows []T, f func(*T) int64) resultfile.TableColumn {
	c := resultfile.TableColumn{Name: name, Kind: kind, Int: make([]int64, len(rows))}
	for i := range rows {
		c.Int[i] = f(&rows[i])
	}
	return c
}

func floatCol[T any](name string, rows []T, f func(*T) float64) resultfile.TableColumn {
	c := resultfile.TableColumn{Name: name, Kind: resultfile.KindFloat64, Float: make([]float64, len(rows))}
	for i := range rows {
		c.Float[i] = f(&rows[i])
	}
	return c
}

func boolCol[T any](name string, rows []T, f func(*T) bool) resultfile.TableColumn {
	c := resultfile.TableColumn{Name: name, Kind: resultfile.KindBool, Bool: make([]bool, len(rows))}
	for i := range rows {
		c.Bool[i] = f(&rows[i])
	}
	return c
}
