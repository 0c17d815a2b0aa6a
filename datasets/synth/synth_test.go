package synth_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
	"github.com/psnbyod/psnbyod/datasets/synth"
)

func baseOrgs(t testing.TB) []datasets.Organisation {
	t.Helper()
	orgs, err := datasets.ReadOrganisations(datasets.Default(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return orgs
}

func generate(t testing.TB, cfg synth.Config) (string, *synth.Truth) {
	t.Helper()
	dir := t.TempDir()
	truth, err := synth.Generate(context.Background(), baseOrgs(t), cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, truth
}

func validate(t *testing.T, dir string) datasets.Summary {
	t.Helper()
	d, err := datasets.Open(os.DirFS(dir), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	s, err := datasets.Validate(context.Background(), d, datasets.SurveyScan{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var small = synth.Config{Orgs: 30, FirstYear: 2011, LastYear: 2016, RespondentsPerOrg: 50, Seed: 7, Format: datasets.FormatParquet}

// The same seed gives the same bytes, whatever the number of workers.
func TestSameSeedSameBytes(t *testing.T) {
	for _, format := range []datasets.Format{datasets.FormatParquet, datasets.FormatCSV} {
		a := small
		a.Format, a.Workers = format, 1
		b := a
		b.Workers = 3
		dirA, _ := generate(t, a)
		dirB, _ := generate(t, b)
		for _, name := range []string{"organisations", "devices", "network", "survey_responses"} {
			fa, err := os.ReadFile(filepath.Join(dirA, name+"."+string(format)))
			if err != nil {
				t.Fatal(err)
			}
			fb, _ := os.ReadFile(filepath.Join(dirB, name+"."+string(format)))
			if !bytes.Equal(fa, fb) {
				t.Errorf("%s.%s differs between 1 and 3 workers", name, format)
			}
		}
	}
}

// A generated dataset is valid, and its CSV and Parquet forms give identical validation summaries.
func TestCSVAndParquetSummariesMatch(t *testing.T) {
	p := small
	c := small
	c.Format = datasets.FormatCSV
	dirP, truth := generate(t, p)
	dirC, _ := generate(t, c)
	sp, sc := validate(t, dirP), validate(t, dirC)
	sp.Files, sc.Files, sp.Dataset, sc.Dataset = nil, nil, "", ""
	jp, _ := json.Marshal(sp)
	jc, _ := json.Marshal(sc)
	if !bytes.Equal(jp, jc) {
		t.Errorf("summaries differ:\nparquet %s\ncsv     %s", jp, jc)
	}
	if sp.Rows[datasets.TableSurvey] != truth.SurveyRows {
		t.Errorf("survey rows %d, truth says %d", sp.Rows[datasets.TableSurvey], truth.SurveyRows)
	}
}

// The embedded default dataset is exactly what the generator makes with the documented settings.
func TestEmbeddedDefaultIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating the default dataset takes a few seconds; skipped with -short")
	}
	g := datasets.DefaultGeneration
	dir, _ := generate(t, synth.Config{FirstYear: g.FirstYear, LastYear: g.LastYear, RespondentsPerOrg: g.RespondentsPerOrg,
		Seed: g.Seed, Format: datasets.FormatParquet, SkipOrganisations: true, Compact: true})
	for _, name := range []string{"devices.parquet", "network.parquet", "survey_responses.parquet", "truth.json"} {
		want, err := fs.ReadFile(datasets.Default(), name)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if !bytes.Equal(got, want) {
			t.Errorf("embedded %s differs from a fresh generation: run go generate ./datasets", name)
		}
	}
}

// Calibration against the sector figures the generator claims to follow (domain.md).
func TestCalibration(t *testing.T) {
	g := datasets.DefaultGeneration
	d, err := datasets.OpenDefault()
	if err != nil {
		t.Fatal(err)
	}
	// Regional frameworks are more than 25% cheaper: compare spend per site on and off them in 2016.
	var spend, sites [2]float64
	restrictedByYear := map[int32]int{}
	for _, n := range d.Network {
		restrictedByYear[n.Year] += b2i(n.BYODRestricted)
		if n.Year != int32(g.LastYear) {
			continue
		}
		k := 0
		if n.Procurement == "regional_framework" {
			k = 1
		}
		spend[k] += n.NetworkSpendGBP
		sites[k] += float64(n.Sites)
	}
	perSiteStandalone, perSiteFramework := spend[0]/sites[0], spend[1]/sites[1]
	if saving := 1 - perSiteFramework/perSiteStandalone; saving < 0.25 || saving > 0.45 {
		t.Errorf("framework saving per site %.3f, want over 25%% (seed 003) and at most about 40%%", saving)
	}
	// The wave of restrictions: none before 2013, most new ones in 2013–2014.
	if restrictedByYear[2012] != 0 || restrictedByYear[2014] <= restrictedByYear[2012]+20 {
		t.Errorf("restricted org-years by year %v: want none before 2013 and a wave in 2013–2014", restrictedByYear)
	}
	// Take-up around 15% where a scheme is mature and unrestricted (seed 003: Solihull over 15%).
	var enrolled, employees float64
	for _, r := range d.Devices {
		if r.Year == 2012 && r.BYODEnrolled > 0 {
			enrolled += float64(r.BYODEnrolled)
			employees += float64(r.Employees)
		}
	}
	if up := enrolled / employees; up < 0.08 || up > 0.20 {
		t.Errorf("2012 take-up among councils with a scheme %.3f, want around 0.15 (ramping up)", up)
	}
	// A large county spends about £1m a year on its network (seed 003): the median English county.
	var county []float64
	for _, n := range d.Network {
		if o := d.Orgs[n.Org]; o.Type == "county" && n.Year == 2011 {
			county = append(county, n.NetworkSpendGBP)
		}
	}
	slices.Sort(county)
	if m := county[len(county)/2]; m < 600_000 || m > 1_500_000 {
		t.Errorf("median county network spend in 2011 £%.0f, want about £1m", m)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Corrupt or truncated Parquet is reported as a bad file, never a panic.
func TestCorruptParquet(t *testing.T) {
	dir, _ := generate(t, small)
	path := filepath.Join(dir, "survey_responses.parquet")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"truncated":       data[:len(data)/2],
		"garbage":         []byte("this is not a parquet file at all, just text"),
		"flipped middle":  flip(data, len(data)/3, 4096),
		"footer stripped": data[:len(data)-8],
	}
	for name, bad := range cases {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			d, err := datasets.Open(os.DirFS(dir), dir, 0)
			if err == nil {
				_, err = datasets.Validate(context.Background(), d, datasets.SurveyScan{})
			}
			if err == nil {
				// Flipping bytes inside compressed pages may still decode to valid values; then the
				// reader must at least have read it without panicking, which it has.
				if name != "flipped middle" {
					t.Fatal("corrupt file accepted")
				}
				return
			}
			if !strings.Contains(err.Error(), "survey_responses.parquet") {
				t.Errorf("error does not name the file: %v", err)
			}
			var ve *datasets.ValidationError
			if !errors.As(err, &ve) && !strings.Contains(err.Error(), "unreadable") {
				t.Errorf("unexpected error kind: %v", err)
			}
		})
	}
}

func flip(data []byte, at, n int) []byte {
	out := bytes.Clone(data)
	for i := at; i < at+n && i < len(out); i++ {
		out[i] ^= 0x5a
	}
	return out
}

// Planted errors in a Parquet file are located by row group and row.
func TestParquetErrorLocation(t *testing.T) {
	dir, _ := generate(t, small)
	// Rewrite network.parquet with one bad psn_status, through the same table writer.
	d, err := datasets.Open(os.DirFS(dir), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	tbl := &resultfile.Table{}
	n := len(d.Network)
	cols := map[string]*resultfile.TableColumn{}
	for _, c := range datasets.NetworkColumns {
		tc := resultfile.TableColumn{Name: c.Name, Kind: c.Kind}
		tbl.Columns = append(tbl.Columns, tc)
	}
	for i := range tbl.Columns {
		cols[tbl.Columns[i].Name] = &tbl.Columns[i]
	}
	for i, r := range d.Network {
		status := r.PSNStatus
		if i == 41 {
			status = "connected-ish"
		}
		cols["org_code"].Str = append(cols["org_code"].Str, d.Orgs[r.Org].Code)
		cols["year"].Int = append(cols["year"].Int, int64(r.Year))
		cols["sites"].Int = append(cols["sites"].Int, r.Sites)
		cols["network_spend_gbp"].Float = append(cols["network_spend_gbp"].Float, r.NetworkSpendGBP)
		cols["procurement"].Str = append(cols["procurement"].Str, r.Procurement)
		cols["psn_status"].Str = append(cols["psn_status"].Str, status)
		cols["byod_restricted"].Bool = append(cols["byod_restricted"].Bool, r.BYODRestricted)
		cols["compliance_spend_gbp"].Float = append(cols["compliance_spend_gbp"].Float, r.ComplianceSpendGBP)
	}
	if n < 42 {
		t.Fatalf("only %d network rows", n)
	}
	if err := resultfile.WriteTable(filepath.Join(dir, "network.parquet"), datasets.FormatParquet, tbl); err != nil {
		t.Fatal(err)
	}
	_, err = datasets.Open(os.DirFS(dir), dir, 0)
	want := `network.parquet: row-group 0, row 42, column psn_status: value "connected-ish": one of not_connected, pending, compliant, non_compliant`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant it to contain %s", err, want)
	}
}
