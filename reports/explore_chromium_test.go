package reports

import (
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/reports/internal/browsertest"
)

// report.html's explorable part works in a real browser: picking a council by name shows its profile
// (KPIs by year, positions, funnel, neighbours), a column heading sorts the league table, the filter
// narrows it, and the CSV link is a data: URI holding the same rows. Nothing is requested off the file.
// A screenshot of the profile view is kept as an artefact (see browsertest.ArtefactDir).
func TestExploreInChromium(t *testing.T) {
	b := browsertest.Start(t)
	in := defaultInputs(t)
	out := t.TempDir()
	if _, err := Render(out, in, Options{}); err != nil {
		t.Fatal(err)
	}
	p := b.Open(t, filepath.Join(out, FileReport))

	type profile struct {
		Code       string   `json:"code"`
		Heading    string   `json:"heading"`
		Tables     int      `json:"tables"`
		Years      int      `json:"years"`
		Neighbours []string `json:"neighbours"`
		Text       string   `json:"text"`
	}
	got := browsertest.Eval[profile](t, p, `(() => {
		const pick = document.getElementById('explore-pick');
		pick.value = 'Solihull';
		pick.dispatchEvent(new Event('input'));
		const out = document.getElementById('explore-profile');
		const tables = out.querySelectorAll('table');
		out.scrollIntoView();
		return {code: out.getAttribute('data-code') || '', heading: (out.querySelector('h3') || {}).textContent || '',
			tables: tables.length, years: tables.length ? tables[0].tBodies[0].rows.length : 0,
			neighbours: tables.length > 2 ? Array.from(tables[2].tBodies[0].rows).map(r => r.cells[1].textContent) : [],
			text: out.textContent};
	})()`)
	if got.Code != "E08000029" || !strings.Contains(got.Heading, "Solihull Metropolitan Borough Council") || got.Tables != 3 || got.Years != 6 ||
		len(got.Neighbours) != 15 || !strings.Contains(got.Text, "99.8% limits") {
		t.Errorf("profile of Solihull: %+v", got)
	}
	// The profile view, for the reader: everything else hidden while the screenshot is taken.
	browsertest.Eval[bool](t, p, `(() => {
		document.querySelectorAll('body > *:not(#explore), #explore-table').forEach(e => { e.dataset.was = e.style.display; e.style.display = 'none'; });
		return true;
	})()`)
	p.Screenshot(t)
	browsertest.Eval[bool](t, p, `(() => {
		document.querySelectorAll('[data-was]').forEach(e => { e.style.display = e.dataset.was; delete e.dataset.was; });
		return true;
	})()`)

	// Sorting by respondents (column 3) ascending puts the smallest first; again, descending.
	type sorted struct {
		First, Last float64
		Aria        string
	}
	asc := browsertest.Eval[sorted](t, p, `(() => {
		const th = document.querySelector('#explore-table th[data-col="3"]'); th.click();
		const rows = document.querySelectorAll('#explore-table tbody tr');
		return {First: +rows[0].cells[3].dataset.sort, Last: +rows[rows.length-1].cells[3].dataset.sort, Aria: th.getAttribute('aria-sort')};
	})()`)
	desc := browsertest.Eval[sorted](t, p, `(() => {
		const th = document.querySelector('#explore-table th[data-col="3"]'); th.click();
		const rows = document.querySelectorAll('#explore-table tbody tr');
		return {First: +rows[0].cells[3].dataset.sort, Last: +rows[rows.length-1].cells[3].dataset.sort, Aria: th.getAttribute('aria-sort')};
	})()`)
	if asc.First > asc.Last || asc.Aria != "ascending" || desc.First < desc.Last || desc.Aria != "descending" || asc.First == desc.First {
		t.Errorf("sorting by respondents: ascending %+v, descending %+v", asc, desc)
	}

	// The filter keeps the rows that contain the text.
	shown := browsertest.Eval[int](t, p, `(() => {
		const f = document.getElementById('explore-filter'); f.value = 'solihull'; f.dispatchEvent(new Event('input'));
		return Array.from(document.querySelectorAll('#explore-table tbody tr')).filter(r => !r.hidden).length;
	})()`)
	if shown != 1 {
		t.Errorf("filter 'solihull' shows %d rows, want 1", shown)
	}

	// The download link holds the table as CSV: a header and one row per council.
	href := browsertest.Eval[string](t, p, `document.getElementById('explore-csv').href`)
	const prefix = "data:text/csv;charset=utf-8;base64,"
	if !strings.HasPrefix(href, prefix) {
		t.Fatalf("download link %.60q", href)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(href, prefix))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	rows := browsertest.Eval[int](t, p, `document.querySelectorAll('#explore-table tbody tr').length`)
	if !strings.HasPrefix(lines[0], "Organisation,Code,Peer group,Respondents") || len(lines)-1 != rows || !strings.Contains(string(raw), "E08000029") {
		t.Errorf("CSV: %d lines for %d rows, header %q", len(lines), rows, lines[0])
	}
	p.CheckClean(t)
}
