package benchmark

import (
	"math"
	"testing"
)

// positionKPIs is the hand example: five districts in 2014 with satisfaction 5, 4, 5, 3, 6, one county
// (a group of its own), and A's 2013 value 5.5.
func positionKPIs() []KPI {
	mk := func(org int32, code, group string, year int32, v float64) KPI {
		return KPI{Org: org, OrgCode: code, PeerGroup: group, Year: year, SatisfactionMean: Some(v)}
	}
	return []KPI{
		mk(0, "A", "district", 2013, 5.5),
		mk(0, "A", "district", 2014, 5),
		mk(1, "B", "district", 2014, 4),
		mk(2, "C", "district", 2014, 5),
		mk(3, "D", "district", 2014, 3),
		mk(4, "E", "district", 2014, 6),
		mk(5, "F", "county", 2014, 1),
		{Org: 6, OrgCode: "G", PeerGroup: "district", Year: 2014}, // no value: takes no part
	}
}

func TestPositionsHand(t *testing.T) {
	value := func(k *KPI) Opt { return k.SatisfactionMean }
	ms := []Measure{{"up", HigherIsBetter, value, false}, {"down", LowerIsBetter, value, false}, {"neutral", Neutral, value, false}}
	got := map[string]Position{}
	for _, p := range Positions(positionKPIs(), ms) {
		got[p.KPI+"/"+p.OrgCode+"/"+itoa(p.Year)] = p
	}
	// Districts 2014, higher is better: E 6 (rank 1), A and C 5 (rank 2), B 4 (rank 4), D 3 (rank 5); n = 5.
	// Percentile 100·(worse + equal/2)/n: E (4 + 0.5)/5 = 90, A (2 + 1)/5 = 60, B (1 + 0.5)/5 = 30, D 10.
	// Quartile ceil(4·rank/5): rank 1 → 1, 2 → 2, 4 → 4, 5 → 4.
	// Mean 23/5 = 4.6; Σ(x − 4.6)² = 0.16 + 0.36 + 0.16 + 2.56 + 1.96 = 5.2; sample SD = √1.3;
	// z(E) = 1.4/√1.3 = 1.2278812270298407 (python3).
	// A's change: 5 − 5.5 = −0.5: worsening (higher is better), improving (lower is better), lower (neutral).
	want := []struct {
		key        string
		rank, q, n int
		pct        float64
		z          float64
		dir        string
	}{
		{"up/E/2014", 1, 1, 5, 90, 1.2278812270298407, ""},
		{"up/A/2014", 2, 2, 5, 60, 0.4 / math.Sqrt(1.3), "worsening"},
		{"up/C/2014", 2, 2, 5, 60, 0.4 / math.Sqrt(1.3), ""},
		{"up/B/2014", 4, 4, 5, 30, -0.6 / math.Sqrt(1.3), ""},
		{"up/D/2014", 5, 4, 5, 10, -1.6 / math.Sqrt(1.3), ""},
		// Lower is better reverses the order: D 1, B 2, A and C 3, E 5.
		{"down/D/2014", 1, 1, 5, 90, -1.6 / math.Sqrt(1.3), ""},
		// A: one worse (E), two equal → (1 + 1)/5 = 40.
		{"down/A/2014", 3, 3, 5, 40, 0.4 / math.Sqrt(1.3), "improving"},
		{"down/E/2014", 5, 4, 5, 10, 1.2278812270298407, ""},
		{"neutral/A/2014", 2, 2, 5, 60, 0.4 / math.Sqrt(1.3), "lower"},
	}
	for _, w := range want {
		p, ok := got[w.key]
		if !ok {
			t.Errorf("%s missing", w.key)
			continue
		}
		if p.Rank != w.rank || p.Quartile != w.q || p.GroupSize != w.n || !near(p.Percentile, w.pct, 1e-12) ||
			!near(p.ZScore.Value, w.z, 1e-12) || p.Direction != w.dir {
			t.Errorf("%s = %+v, want %+v", w.key, p, w)
		}
	}
	if p := got["up/A/2014"]; !near(p.Change.Value, -0.5, 1e-15) || p.Previous.Value != 5.5 || p.QuartileName != "second quartile" {
		t.Errorf("A change %+v", p)
	}
	// A group of one: rank 1, percentile 50, no quartile (n < 4), no z-score.
	if p := got["up/F/2014"]; p.Rank != 1 || p.Percentile != 50 || p.Quartile != 0 || p.QuartileName != "" || p.ZScore.Valid {
		t.Errorf("F alone %+v", p)
	}
	if _, ok := got["up/G/2014"]; ok {
		t.Error("an org-year without a value got a position")
	}
}

func TestQuartileBoundaries(t *testing.T) {
	// With n = 15 the quartile of rank r is ceil(4r/15): 1–3 upper, 4–7 upper middle, 8–11 lower
	// middle, 12–15 lower.
	var kpis []KPI
	for i := range 15 {
		kpis = append(kpis, KPI{Org: int32(i), OrgCode: string(rune('a' + i)), PeerGroup: "g", Year: 2014,
			SatisfactionMean: Some(float64(100 - i)), SampleOK: true})
	}
	want := []int{1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4}
	ps := Positions(kpis, Measures[:1])
	for i, p := range ps {
		if p.Rank != i+1 || p.Quartile != want[i] {
			t.Errorf("rank %d: quartile %d, want %d", p.Rank, p.Quartile, want[i])
		}
	}
}

func TestPositionsNotRankedAndLabels(t *testing.T) {
	// Five districts' satisfaction 6, 5, 4, 3, 2; the one with 5 has too few respondents. It keeps its
	// value but is not ranked: the other four rank 1–4 (n = 4), each its own quartile; a spend KPI
	// (not from the survey) ranks all five.
	var kpis []KPI
	for i, v := range []float64{6, 5, 4, 3, 2} {
		kpis = append(kpis, KPI{Org: int32(i), OrgCode: string(rune('A' + i)), PeerGroup: "district", Year: 2014,
			SatisfactionMean: Some(v), NetworkSpendPerEmployee: Some(v), SampleOK: i != 1})
	}
	ms := []Measure{Measures[0], Measures[8]}
	byKey := map[string]Position{}
	for _, p := range Positions(kpis, ms) {
		byKey[p.KPI+"/"+p.OrgCode] = p
	}
	b := byKey["satisfaction_mean/B"]
	if b.NotRanked != "fewer than 100 respondents" || b.Rank != 0 || b.Quartile != 0 || b.QuartileName != "" || b.GroupSize != 4 || b.Value != 5 || b.ZScore.Valid {
		t.Errorf("B = %+v", b)
	}
	for code, want := range map[string]string{"A": "top quartile (better)", "C": "second quartile", "D": "third quartile", "E": "bottom quartile (worse)"} {
		if p := byKey["satisfaction_mean/"+code]; p.QuartileName != want || p.NotRanked != "" || p.GroupSize != 4 {
			t.Errorf("%s = %+v, want %s", code, p, want)
		}
	}
	// Lower is better: E (2) is rank 1, lowest quartile (better); A (6) rank 5, highest quartile (worse).
	if p := byKey["network_spend_per_employee/E"]; p.Rank != 1 || p.QuartileName != "lowest quartile (better)" {
		t.Errorf("E spend %+v", p)
	}
	if p := byKey["network_spend_per_employee/A"]; p.Rank != 5 || p.QuartileName != "highest quartile (worse)" || p.GroupSize != 5 {
		t.Errorf("A spend %+v", p)
	}
	if quartileLabel(1, Neutral) != "highest quartile" || quartileLabel(0, HigherIsBetter) != "" {
		t.Error("labels")
	}
}
