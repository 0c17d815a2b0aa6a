package main

// Checks on the command line and on what it names that the parsers cannot make alone: a
// subcommand or flag that is a slip of a known one, an iteration count below one, and an
// organisation code that is not in the dataset. Each names what was given and what was expected.

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/psnbyod/psnbyod/analysis/costmodel"
	"github.com/psnbyod/psnbyod/datasets"
)

// suggestCommand is ` (did you mean "scenario"?)` for a slip of a command name, or "".
func suggestCommand(name string) string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	if s := costmodel.Suggest(name, names); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// suggestFlag adds ` (did you mean --iterations?)` to the flag package's message for an unknown
// flag ("flag provided but not defined: -iteratons").
func suggestFlag(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "flag provided but not defined: ")
	if !ok {
		return msg
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	hidden := commandNamed(fs.Name()).hidden
	fs.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(hidden, f.Name) {
			names = append(names, f.Name)
		}
	})
	msg = fmt.Sprintf("unknown flag --%s", name)
	if s := costmodel.Suggest(name, names); s != "" {
		msg += fmt.Sprintf(" (did you mean --%s?)", s)
	}
	return msg
}

// checkIterations rejects an --iterations flag that was given and is below one (0 used to mean
// "the file's", silently).
func checkIterations(fs *flag.FlagSet, n int) error {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "iterations" })
	if set && n < 1 {
		return &usageError{msg: fmt.Sprintf("--iterations %d: expected a whole number of 1 or more (leave the flag out to use the file's)", n)}
	}
	return nil
}

// unknownOrganisation says why code is not an organisation of orgs, with the nearest code or name,
// or returns "" when it is one. dataName names the dataset ("the embedded default dataset").
func unknownOrganisation(code string, orgs []datasets.Organisation, dataName string) string {
	codes := make([]string, len(orgs))
	for i, o := range orgs {
		if o.Code == code {
			return ""
		}
		codes[i] = o.Code
	}
	msg := fmt.Sprintf("%q is not an org_code in the organisations table of %s", code, dataName)
	if hint := nearestOrganisation(code, orgs, codes); hint != "" {
		msg += " (did you mean " + hint + "?)"
	}
	return msg + "; expected the code of one of its " + fmt.Sprint(len(orgs)) + " organisations, such as " + orgs[0].Code
}

// nearestOrganisation is `E07000083 (Tewkesbury)` for a slip of a code, or for a name (or a slip
// of one) written where the code belongs; "" when nothing is near.
func nearestOrganisation(given string, orgs []datasets.Organisation, codes []string) string {
	byCode := func(c string) string {
		for _, o := range orgs {
			if o.Code == c {
				return fmt.Sprintf("%s (%s)", o.Code, o.Name)
			}
		}
		return ""
	}
	if c := byCode(strings.ToUpper(given)); c != "" {
		return c // the code in lower case
	}
	if s := costmodel.Suggest(strings.ToUpper(given), codes); s != "" {
		return byCode(s)
	}
	names := make([]string, len(orgs))
	for i, o := range orgs {
		if strings.EqualFold(o.Name, given) {
			return fmt.Sprintf("%s (%s)", o.Code, o.Name)
		}
		names[i] = strings.ToLower(o.Name)
	}
	// A place name written for the council ("solihull"): the organisations whose names hold it.
	var holding []string
	for _, o := range orgs {
		if len(given) >= 4 && strings.Contains(strings.ToLower(o.Name), strings.ToLower(given)) {
			holding = append(holding, fmt.Sprintf("%s (%s)", o.Code, o.Name))
		}
	}
	if len(holding) > 0 && len(holding) <= 3 {
		return strings.Join(holding, " or ")
	}
	if s := costmodel.Suggest(strings.ToLower(given), names); s != "" {
		for _, o := range orgs {
			if strings.ToLower(o.Name) == s {
				return fmt.Sprintf("%s (%s)", o.Code, o.Name)
			}
		}
	}
	return ""
}
