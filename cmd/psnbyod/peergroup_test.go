package main

// peerClass and peerNation restate, for the tests, how the neighbours model groups councils
// (ARCHITECTURE.md, analysis/benchmark/peers.go): counties, districts and NI districts are their own
// classes and every other type is single tier; the nation comes from the org_type where it says one,
// else from the first letter of a GSS code (E, W, S, N).
func peerClass(orgType string) string {
	switch orgType {
	case "county", "district", "ni_district":
		return orgType
	}
	return "single_tier"
}

func peerNation(code, orgType string) string {
	switch orgType {
	case "scottish_unitary":
		return "Scotland"
	case "welsh_unitary":
		return "Wales"
	case "ni_district":
		return "Northern Ireland"
	}
	if len(code) == 9 {
		switch code[0] {
		case 'E':
			return "England"
		case 'W':
			return "Wales"
		case 'S':
			return "Scotland"
		case 'N':
			return "Northern Ireland"
		}
	}
	return ""
}
