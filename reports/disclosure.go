package reports

// Disclosure control. Survey answers come from named organisations' staff, so no published figure
// may rest on fewer than a threshold of respondents (DefaultMinGroup, 10): such a figure is withheld
// and shown as "[c]" with a footnote, the convention of UK survey publishers. Figures that do not come
// from the survey (device counts, network spend) are not about respondents and are shown as they are.

import "github.com/psnbyod/psnbyod/analysis/benchmark"

// surveyKPIs are the KPIs computed from survey answers.
var surveyKPIs = map[string]bool{
	"satisfaction_mean": true, "satisfaction_se": true, "satisfaction_median": true, "satisfied_share": true,
	"byod_share": true, "remote_access_mean": true, "device_satisfaction_mean": true, "effective_respondents": true,
}

// isSurveyKPI reports whether a KPI comes from survey answers.
func isSurveyKPI(kpi string) bool { return surveyKPIs[kpi] }

// suppressedKPI reports whether an org-year's survey figures must be withheld: it has respondents,
// but fewer than minGroup.
func suppressedKPI(k *benchmark.KPI, minGroup int) bool {
	return k.Respondents > 0 && k.Respondents < int64(minGroup)
}

// withheld reports whether a KPI of an org-year must be withheld.
func withheld(k *benchmark.KPI, kpi string, minGroup int) bool {
	return isSurveyKPI(kpi) && suppressedKPI(k, minGroup)
}

// kpiValue returns a KPI's value by its name.
func kpiValue(k *benchmark.KPI, kpi string) benchmark.Opt {
	for _, m := range benchmark.Measures {
		if m.Name == kpi {
			return m.Value(k)
		}
	}
	switch kpi {
	case "satisfaction_se":
		return k.SatisfactionSE
	case "satisfaction_median":
		return k.SatisfactionMedian
	case "effective_respondents":
		return k.EffectiveRespondents
	}
	return benchmark.Opt{}
}
