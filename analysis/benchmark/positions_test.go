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
	ms := []Measure{{"up", HigherIsBetter, value}, {"down", LowerIsBetter, value}, {"neutral", Neutral, value}}
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
	if p := got["up/A/2014"]; !near(p.Change.Value, -0.5, 1e-15) || p.Previous.Value != 5.5 || p.QuartileName != "upper middle" {
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
			SatisfactionMean: Some(float64(100 - i))})
	}
	want := []int{1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4}
	ps := Positions(kpis, Measures[:1])
	for i, p := range ps {
		if p.Rank != i+1 || p.Quartile != want[i] {
			t.Errorf("rank %d: quartile %d, want %d", p.Rank, p.Quartile, want[i])
		}
	}
}
