package main

// psnbyod scenario init: a starter scenario for a named council, written from a ready scenario
// with the council's own figures from the dataset put in, each saying where it came from, and
// every figure left from the template marked as an assumption to replace.

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets"
	"github.com/psnbyod/psnbyod/datasets/scenarios"
)

func cmdScenarioInit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "scenario init")
	var df dataFlags
	df.register(fs)
	org := fs.String("org", "", "org_code of the council (required)")
	template := fs.String("template", "metro_borough_byod", "the ready scenario to start from")
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	if *org == "" {
		fs.SetOutput(e.stderr)
		fs.Usage()
		return &usageError{msg: "scenario init: --org ORG_CODE is required"}
	}
	name := strings.TrimSuffix(*template, ".toml") + ".toml"
	text, err := scenarios.Cost.Read(name)
	if err != nil {
		return &usageError{msg: fmt.Sprintf("--template %s: not a ready scenario%s; expected one of %s", *template,
			suggestIn(strings.TrimSuffix(*template, ".toml"), scenarios.Cost.Files()), strings.Join(scenarios.Cost.Files(), ", "))}
	}
	d, err := df.open()
	if err != nil {
		return err
	}
	dataName := "the embedded default dataset"
	if df.data != "" {
		dataName = df.data
	}
	if msg := unknownOrganisation(*org, d.Orgs, dataName); msg != "" {
		return fmt.Errorf("--org: %s", msg)
	}
	f := readCouncilFacts(d, *org, dataName)
	out := starterScenario(strings.TrimSuffix(name, ".toml"), text, f)
	// The starter must be a valid scenario: check it as `psnbyod scenario` will.
	if _, err := costmodel.Parse(name, out); err != nil {
		return fmt.Errorf("scenario init: the starter for %s does not parse (please report this): %w", *org, err)
	}
	_, err = e.stdout.Write(out)
	return err
}

// suggestIn is ` (did you mean "x"?)` over names given with .toml, or "".
func suggestIn(name string, files []string) string {
	var stems []string
	for _, f := range files {
		stems = append(stems, strings.TrimSuffix(f, ".toml"))
	}
	if s := costmodel.Suggest(name, stems); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// councilFacts are what a dataset says about one council in its latest year with devices data.
type councilFacts struct {
	Code, Name, Type, Region, Data string
	Synthetic                      bool
	DevicesYear, NetworkYear       int32
	Staff, BYODEnrolled            int64
	// UptakeYear is the latest year with BYOD users enrolled, and its counts: after a council
	// restricts BYOD its latest take-up is zero, which is not the scheme's take-up.
	UptakeYear               int32
	UptakeEnrolled, UptakeOf int64
	NetworkSpend             float64
	Sites                    int64
	Procurement, PSNStatus   string
}

func readCouncilFacts(d *datasets.Dataset, code, dataName string) councilFacts {
	f := councilFacts{Code: code, Data: dataName, Synthetic: d.Synthetic}
	idx := int32(-1)
	for i, o := range d.Orgs {
		if o.Code == code {
			idx = int32(i)
			f.Name, f.Type, f.Region = o.Name, o.Type, o.Region
			f.Staff = o.Employees
		}
	}
	for _, r := range d.Devices {
		if r.Org == idx && r.Year >= f.DevicesYear && r.Employees > 0 {
			f.DevicesYear, f.Staff, f.BYODEnrolled = r.Year, r.Employees, r.BYODEnrolled
		}
		if r.Org == idx && r.Year >= f.UptakeYear && r.Employees > 0 && r.BYODEnrolled > 0 {
			f.UptakeYear, f.UptakeEnrolled, f.UptakeOf = r.Year, r.BYODEnrolled, r.Employees
		}
	}
	for _, r := range d.Network {
		if r.Org == idx && r.Year >= f.NetworkYear {
			f.NetworkYear, f.NetworkSpend, f.Sites, f.Procurement, f.PSNStatus = r.Year, r.NetworkSpendGBP, r.Sites, r.Procurement, r.PSNStatus
		}
	}
	return f
}

// starterScenario rewrites a ready scenario's text for the council: its name and organisation,
// and the inputs the dataset knows (staff, uptake, network_spend), each with a FROM DATA comment.
// Every other input keeps the template's value and is marked ASSUMPTION if it was not already.
func starterScenario(template string, text []byte, f councilFacts) []byte {
	var b strings.Builder
	synthetic := ""
	if f.Synthetic {
		synthetic = "\n# The embedded default dataset's devices and network figures are SYNTHETIC (the councils are real,\n# the figures are not): replace every FROM DATA value with the council's own before relying on it."
	}
	fmt.Fprintf(&b, "# Starter scenario for %s (%s), written by `psnbyod scenario init` from the ready scenario\n"+
		"# %s and %s. Values marked FROM DATA come from the dataset; values marked ASSUMPTION are the\n"+
		"# template's and should be replaced with the council's own figures. Peer group: %s authorities (%s).%s\n#\n",
		f.Name, f.Code, template, f.Data, f.Type, f.Region, synthetic)
	inInputs, topLevel := false, true
	for _, line := range strings.Split(strings.TrimRight(string(text), "\n"), "\n") {
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "[") {
			inInputs, topLevel = trim == "[inputs]", false
		}
		key, _, isKey := strings.Cut(trim, "=")
		key = strings.TrimSpace(key)
		switch {
		case isKey && topLevel && key == "name":
			title := unquote(line)
			if _, question, ok := strings.Cut(title, ": "); ok {
				title = question // "Metropolitan borough: keep BYOD…?" → "keep BYOD…?"
			}
			line = fmt.Sprintf("name = %s", strconv.Quote(f.Name+": "+title))
		case isKey && topLevel && key == "organisation":
			line = fmt.Sprintf("organisation = %q   # FROM DATA: %s, %s, %s (organisations table of %s)", f.Code, f.Name, f.Type, f.Region, f.Data)
		case inInputs && isKey && key == "staff" && f.DevicesYear > 0:
			line = fmt.Sprintf(`staff = { dist = "fixed", value = %d, kind = "count", label = "Staff" }   # FROM DATA: employees in the devices table, %d (%s); ASSUMPTION: all are eligible for BYOD (take out schools and staff without council work on a device)`,
				f.Staff, f.DevicesYear, f.Data)
		case inInputs && isKey && key == "uptake" && f.UptakeYear > 0:
			u := float64(f.UptakeEnrolled) / float64(f.UptakeOf)
			lo, hi := round3(u*0.67), round3(math.Min(u*1.5, 1))
			later := ""
			if f.UptakeYear < f.DevicesYear {
				later = fmt.Sprintf(", the latest year with BYOD users (%d in %d)", f.BYODEnrolled, f.DevicesYear)
			}
			line = fmt.Sprintf(`uptake = { dist = "pert", min = %s, mode = %s, max = %s, kind = "probability", label = "BYOD take-up (share of staff)" }   # FROM DATA: byod_enrolled / employees = %d / %d in %d%s (%s); range ASSUMPTION (two-thirds to one and a half times)`,
				fmtG(lo), fmtG(round3(u)), fmtG(hi), f.UptakeEnrolled, f.UptakeOf, f.UptakeYear, later, f.Data)
		case inInputs && isKey && key == "uptake" && f.DevicesYear > 0:
			line += fmt.Sprintf("; the dataset records no BYOD users enrolled at %s in any year (byod_enrolled = 0), so the template's range is kept: ASSUMPTION", f.Code)
		case inInputs && isKey && key == "network_spend" && f.NetworkYear > 0 && f.NetworkSpend > 0:
			line = fmt.Sprintf(`network_spend = { dist = "lognormal", p10 = %s, p90 = %s, label = "Network running cost (£ a year)" }   # FROM DATA: network_spend_gbp %s in %d (%s, %d sites); spread ASSUMPTION (−10%% to +15%%)`,
				fmtG(math.Round(f.NetworkSpend*0.9)), fmtG(math.Round(f.NetworkSpend*1.15)), fmtG(math.Round(f.NetworkSpend)), f.NetworkYear, f.Data, f.Sites)
		case inInputs && isKey && !strings.HasPrefix(trim, "#") && !strings.Contains(line, "ASSUMPTION") && !strings.Contains(line, "FROM DATA"):
			if strings.Contains(line, "#") {
				line += "; ASSUMPTION: the template's value"
			} else {
				line += "   # ASSUMPTION: the template's value"
			}
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// unquote is the string value of a `key = "value"   # comment` line.
func unquote(line string) string {
	_, v, _ := strings.Cut(line, "=")
	v = strings.TrimSpace(v)
	if s, err := strconv.QuotedPrefix(v); err == nil {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return v
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func fmtG(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
