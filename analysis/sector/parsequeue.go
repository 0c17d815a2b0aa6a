package sector

import (
	"fmt"
	"math"
	"slices"
	"time"
)

func (p *parser) queue(raw, inputs map[string]any) *QueueModel {
	q := &QueueModel{WeeksAfter: 8}
	if v, ok := raw["deadline"]; ok {
		switch d := v.(type) {
		case time.Time:
			q.Deadline = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		case string:
			t, err := time.Parse("2006-01-02", d)
			if err != nil {
				p.Errorf("deadline", "must be a date such as 2014-03-31, not %q", d)
			}
			q.Deadline = t
		default:
			p.Errorf("deadline", "must be a date such as 2014-03-31")
		}
	} else {
		p.Errorf("deadline", "missing: the date by which councils must be certified, e.g. 2014-03-31")
	}
	weeks := func(key string, lo, hi int) (int, bool) {
		v, ok := raw[key]
		if !ok {
			return 0, false
		}
		n, ok := p.Integer(key, v)
		if ok && (n < lo || n > hi) {
			p.Errorf(key, "must be between %d and %d, not %d", lo, hi, n)
			return 0, false
		}
		return n, ok
	}
	if n, ok := weeks("weeks_before_deadline", 1, 520); ok {
		q.WeeksBefore = n
	} else if _, given := raw["weeks_before_deadline"]; !given {
		p.Errorf("weeks_before_deadline", "missing: how many weeks before the deadline submissions open")
	}
	if n, ok := weeks("weeks_after_deadline", 0, 520); ok {
		q.WeeksAfter = n
	}
	p.Known("inputs", inputs, "submission_weeks_before_deadline", "rework_weeks", "fail_first_review",
		"fail_resubmission", "capacity_per_week")
	inf := math.Inf(1)
	q.Submission = p.input("inputs", inputs, "submission_weeks_before_deadline", nil, bounds{-inf, inf},
		"weeks before the deadline at which each council first submits (negative: after it)")
	q.Rework = p.input("inputs", inputs, "rework_weeks", fixed(2), bounds{0, inf},
		"weeks a council takes to fix a failed submission and resubmit")
	q.FailFirst = p.input("inputs", inputs, "fail_first_review", nil, bounds{0, 1},
		"probability that a first submission fails review")
	q.FailAgain = p.input("inputs", inputs, "fail_resubmission", &q.FailFirst.Dist, bounds{0, 1},
		"probability that a resubmission fails review")
	if q.FailAgain.Source == "default" {
		q.FailAgain.Source = "default: as fail_first_review"
	}
	first := p.input("inputs", inputs, "capacity_per_week", nil, bounds{0, inf}, "reviews completed per week")
	q.Capacity = []CapacityStep{{FromWeeksBefore: q.WeeksBefore, PerWeek: first}}
	if v, ok := raw["capacity_change"]; ok {
		for i, m := range p.Tables("capacity_change", v) {
			field := fmt.Sprintf("capacity_change[%d]", i)
			p.Known(field, m, "weeks_before_deadline", "capacity_per_week")
			st := CapacityStep{}
			if w, ok := m["weeks_before_deadline"]; ok {
				if n, ok := p.Integer(field+".weeks_before_deadline", w); ok {
					if n >= q.WeeksBefore || n < -q.WeeksAfter {
						p.Errorf(field+".weeks_before_deadline", "week %d is outside the window (%d before the deadline to %d after)",
							n, q.WeeksBefore-1, q.WeeksAfter)
					}
					st.FromWeeksBefore = n
				}
			} else {
				p.Errorf(field+".weeks_before_deadline", "missing: when the change starts, in weeks before the deadline")
			}
			st.PerWeek = p.input(field, m, "capacity_per_week", nil, bounds{0, inf}, "reviews completed per week from then on")
			st.PerWeek.Name = fmt.Sprintf("capacity_per_week_from_%d_weeks_before", st.FromWeeksBefore)
			if st.FromWeeksBefore < 0 {
				st.PerWeek.Name = fmt.Sprintf("capacity_per_week_from_%d_weeks_after", -st.FromWeeksBefore)
			}
			if prev := q.Capacity[len(q.Capacity)-1]; st.FromWeeksBefore >= prev.FromWeeksBefore {
				p.Errorf(field+".weeks_before_deadline", "changes must come in time order: %d weeks before follows %d",
					st.FromWeeksBefore, prev.FromWeeksBefore)
			}
			q.Capacity = append(q.Capacity, st)
		}
	}
	q.Search = CapacitySearch{Target: 5, MaxExtra: 50, FromWeeksBefore: q.WeeksBefore}
	if v, ok := raw["capacity_search"]; ok {
		if m, ok := p.Table("capacity_search", v); ok {
			p.Known("capacity_search", m, "target_at_risk", "max_extra_per_week", "from_weeks_before_deadline")
			if x, ok := m["target_at_risk"]; ok {
				if t, ok := p.Number("capacity_search.target_at_risk", x); ok {
					if t < 0 {
						p.Errorf("capacity_search.target_at_risk", "must not be negative")
					}
					q.Search.Target = t
				}
			}
			if x, ok := m["max_extra_per_week"]; ok {
				if n, ok := p.Integer("capacity_search.max_extra_per_week", x); ok {
					if n < 1 || n > 100000 {
						p.Errorf("capacity_search.max_extra_per_week", "must be between 1 and 100000, not %d", n)
					}
					q.Search.MaxExtra = n
				}
			}
			if x, ok := m["from_weeks_before_deadline"]; ok {
				if n, ok := p.Integer("capacity_search.from_weeks_before_deadline", x); ok {
					if n < 1 || n > q.WeeksBefore {
						p.Errorf("capacity_search.from_weeks_before_deadline", "must be between 1 and weeks_before_deadline (%d), not %d", q.WeeksBefore, n)
					}
					q.Search.FromWeeksBefore = n
				}
			}
		}
	}
	return q
}

// inputs lists the model's inputs in a stable order: the per-iteration ones first.
func (q *QueueModel) inputs() []Input {
	out := []Input{q.FailFirst, q.FailAgain}
	for _, s := range q.Capacity {
		out = append(out, s.PerWeek)
	}
	return slices.Concat(out, []Input{q.Submission, q.Rework})
}
