package reports

// Which charts the documents carry, where they are saved, and rendering them all at once.

import (
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/datasets/resultfile"
	"github.com/psnbyod/psnbyod/reports/chart"
)

// plannedChart is a spec and the folder it is saved in.
type plannedChart struct {
	Spec chart.Spec
	Dir  string
}

// studyFacts are the facts about a study that several documents share.
type studyFacts struct {
	names      map[string]string // org_code → name
	latestYear int32             // the latest year with respondents; 0 when none
	highlight  string            // org_code singled out in the sector charts
}

// newStudyFacts gathers the facts of a study; highlight is Options.Highlight.
func newStudyFacts(r *study.Result, highlight string, scenarios []ScenarioResult, minGroup int) studyFacts {
	f := studyFacts{names: make(map[string]string, len(r.Organisations))}
	for _, o := range r.Organisations {
		f.names[o.Code] = o.Name
	}
	for i := range r.KPIs {
		if r.KPIs[i].Respondents > 0 {
			f.latestYear = max(f.latestYear, r.KPIs[i].Year)
		}
	}
	known := func(code string) bool { _, ok := f.names[code]; return ok && code != "" }
	switch {
	case known(highlight):
		f.highlight = highlight
	default:
		for _, s := range scenarios {
			if known(s.Result.Organisation) {
				f.highlight = s.Result.Organisation
				break
			}
		}
	}
	if f.highlight == "" {
		for i := range r.KPIs {
			k := &r.KPIs[i]
			if k.Year == f.latestYear && k.Respondents >= int64(minGroup) {
				f.highlight = k.OrgCode
				break
			}
		}
	}
	return f
}

// sectorCaption is the source line of the sector charts.
func sectorCaption(r *study.Result, synthetic bool) string {
	if synthetic {
		return "Source: psnbyod, synthetic default dataset (real UK councils; made-up survey, device and network figures: no figure describes a real council)."
	}
	return "Source: psnbyod analysis of " + r.Summary.Dataset + "."
}

// scenarioCaption is the source line of a scenario's charts.
func scenarioCaption(s *ScenarioResult) string {
	r := s.Result
	disc := r.Discount + " rates"
	if r.Discount == "green_book" {
		disc = "Green Book rates"
	}
	return fmt.Sprintf("Source: psnbyod cost model, scenario %s; %s Monte Carlo draws (seed %d); £ in %d prices, discounted at %s.",
		r.File, formatNumber(float64(r.Iterations), 0), r.Seed, r.BaseYear, disc)
}

// sectorCharts plans the charts of the sector report, in the order it shows them.
func sectorCharts(out string, r *study.Result, f studyFacts, synthetic bool, minGroup int) []plannedChart {
	dir := filepath.Join(out, "charts")
	caption := sectorCaption(r, synthetic)
	var list []plannedChart
	add := func(s chart.Spec, ok bool) {
		if ok {
			list = append(list, plannedChart{s, dir})
		}
	}
	add(eventSpec(r.Effect, caption))
	add(trendSpec(r, minGroup, caption))
	if f.latestYear != 0 {
		add(kpiBoxSpec(r, f.names, "satisfaction_mean", f.latestYear, f.highlight, minGroup, caption), true)
		add(kpiBoxSpec(r, f.names, "network_spend_per_employee", f.latestYear, f.highlight, minGroup, caption), true)
		add(funnelSpec(r, f.names, "satisfaction_mean", f.latestYear, f.highlight, minGroup, caption))
		add(neighboursSpec(r, f.names, f.highlight, "satisfaction_mean", f.latestYear, minGroup, caption))
	}
	return list
}

// scenarioCharts plans the charts of one business case.
func scenarioCharts(out string, s *ScenarioResult, r *study.Result, f *studyFacts, synthetic bool, minGroup int) []plannedChart {
	dir := filepath.Join(ScenarioDir(out, s.Name), "charts")
	caption := scenarioCaption(s)
	var list []plannedChart
	if spec, ok := npsvSpec(s, caption); ok {
		list = append(list, plannedChart{spec, dir})
	}
	if spec, ok := sCurveSpec(s, caption); ok {
		list = append(list, plannedChart{spec, dir})
	}
	if spec, ok := convergenceSpec(s, caption); ok {
		list = append(list, plannedChart{spec, dir})
	}
	list = append(list, plannedChart{probBestSpec(s, caption), dir}, plannedChart{cashflowSpec(s, caption), dir})
	for i := range s.Result.Tornado {
		if len(s.Result.Tornado[i].Bars) > 0 {
			list = append(list, plannedChart{tornadoSpec(s, &s.Result.Tornado[i], caption), dir})
		}
	}
	if r != nil && f != nil && f.latestYear != 0 {
		if spec, ok := neighboursSpec(r, f.names, s.Result.Organisation, "satisfaction_mean", f.latestYear, minGroup, sectorCaption(r, synthetic)); ok {
			list = append(list, plannedChart{spec, dir})
		}
	}
	return list
}

// savedChart is a rendered chart and the files it was saved in.
type savedChart struct {
	*chart.Rendered
	Files []string
}

// renderCharts renders and saves every planned chart, on all cores, and returns them in plan order.
// A chart planned twice with the same spec (the neighbours chart of the council the sector report
// highlights is also in that council's business case) is drawn once and saved in each folder.
func renderCharts(plans []plannedChart, dpi int, pdf bool) ([]savedChart, error) {
	var jobs [][]int // plans drawn together: the first plan of each distinct spec, and its copies
	for i := range plans {
		j := slices.IndexFunc(jobs, func(job []int) bool { return reflect.DeepEqual(plans[job[0]].Spec, plans[i].Spec) })
		if j < 0 {
			jobs = append(jobs, []int{i})
		} else {
			jobs[j] = append(jobs[j], i)
		}
	}
	out := make([]savedChart, len(plans))
	errs := make([]error, len(plans))
	work := make(chan []int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Go(func() {
			for job := range work {
				rc, err := chart.Render(plans[job[0]].Spec, dpi, pdf)
				for _, i := range job {
					if err != nil {
						errs[i] = err
						continue
					}
					out[i], errs[i] = saveChart(rc, plans[i].Dir)
				}
			}
		})
	}
	for _, job := range jobs {
		work <- job
	}
	close(work)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// saveChart writes a rendered chart's files into dir.
func saveChart(rc *chart.Rendered, dir string) (savedChart, error) {
	sc := savedChart{Rendered: rc}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return sc, err
	}
	for _, f := range []struct {
		ext  string
		data []byte
	}{{".svg", rc.SVG}, {".png", rc.PNG}, {".pdf", rc.PDF}} {
		if f.data == nil {
			continue
		}
		path := filepath.Join(dir, rc.Spec.Name+f.ext)
		if err := writeBytes(path, f.data); err != nil {
			return sc, err
		}
		sc.Files = append(sc.Files, path)
	}
	return sc, nil
}

// writeBytes writes a file atomically.
func writeBytes(path string, b []byte) error {
	return resultfile.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// chartByName finds a chart by its spec name.
func chartByName(cs []savedChart, name string) *savedChart {
	i := slices.IndexFunc(cs, func(c savedChart) bool { return c.Spec.Name == name })
	if i < 0 {
		return nil
	}
	return &cs[i]
}

var svgPrologue = regexp.MustCompile(`(?s)^.*?<svg `)

// inlineSVG turns a saved chart's inline SVG into an element for an HTML page: no XML prologue, a
// role, the chart's title as its accessible name, its text alternative (chart.Spec.Description:
// what it shows and its key numbers) as its description, in <title> and <desc> too, and a class
// the page's CSS sizes. id is the figure's id, unique in the page.
func inlineSVG(svg []byte, spec *chart.Spec, id string) string {
	s := svgPrologue.ReplaceAllLiteralString(string(svg), "")
	title, desc := html.EscapeString(spec.Title), html.EscapeString(spec.Description())
	head, body, _ := strings.Cut(s, ">")
	return `<svg class="chart" role="img" aria-label="` + title + `" aria-describedby="` + id + `-desc" ` + head + ">\n" +
		`<title>` + title + `</title>` + "\n" + `<desc id="` + id + `-desc">` + desc + `</desc>` + body
}

// safeFileStem keeps letters, digits, '-' and '_' of a name from input files, so it can name a file.
func safeFileStem(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// finite reports whether every value is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
