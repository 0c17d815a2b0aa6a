package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/psnbyod/psnbyod/analysis/effect"
	"github.com/psnbyod/psnbyod/analysis/study"
	"github.com/psnbyod/psnbyod/reports"
)

// defaultSeed seeds the bootstrap unless --seed says otherwise; the seed is recorded in the output.
const defaultSeed = 1

// effectFlags are the options of the restriction-effect estimate.
type effectFlags struct {
	replications int
	seed         uint64
	control      string
}

func (f *effectFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.replications, "replications", effect.DefaultReplications, "cluster-bootstrap replications of the restriction effect")
	fs.Uint64Var(&f.seed, "seed", defaultSeed, "bootstrap seed: the same seed gives the same interval on any machine")
	fs.StringVar(&f.control, "control", "notyet", "controls of the staggered (Callaway–Sant'Anna) estimate: notyet (never and not yet restricted councils) or never")
}

// options checks the flags and turns them into study options.
func (f *effectFlags) options() (study.Options, error) {
	if f.replications < 1 || f.replications > maxReplications {
		return study.Options{}, &usageError{msg: fmt.Sprintf("--replications %d: expected 1 to %d", f.replications, maxReplications)}
	}
	var control effect.ControlGroup
	switch f.control {
	case "notyet":
		control = effect.ControlNotYetTreated
	case "never":
		control = effect.ControlNeverTreated
	default:
		return study.Options{}, &usageError{msg: fmt.Sprintf("--control %q: expected notyet or never", f.control)}
	}
	return study.Options{Replications: f.replications, Seed: f.seed, Control: control}, nil
}

func cmdEffect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "effect")
	var df dataFlags
	df.register(fs)
	var ef effectFlags
	ef.register(fs)
	out := fs.String("out", "out", "folder for the results")
	if err := parseFlags(e, fs, args); err != nil {
		return helpOK(err)
	}
	if _, err := checkOut(*out); err != nil {
		return err
	}
	opts, err := ef.options()
	if err != nil {
		return err
	}
	r, err := runStudy(ctx, e, &df, opts)
	if err != nil {
		return err
	}
	if r.Effect == nil {
		return fmt.Errorf("restriction effect not estimated: %s", r.EffectUnavailable)
	}
	written, err := reports.WriteEffect(*out, r)
	if err != nil {
		return writeFailure("writing the restriction effect", err)
	}
	x := r.Effect
	fmt.Fprintf(e.stdout, "restriction effect on satisfaction_mean: %.3f scale points (95%% CI %.3f to %.3f, p = %.3g; %d organisations, %d org-years)\n",
		x.Estimate, x.CILow, x.CIHigh, x.PValue, x.Clusters, x.Observations)
	if s := x.Staggered; s != nil {
		fmt.Fprintf(e.stdout, "staggered adoption (Callaway–Sant'Anna, %s controls): %.3f scale points (95%% CI %.3f to %.3f; %d councils, %d lifting a restriction left out)\n",
			s.Control, s.Overall.Estimate, s.Overall.CILow, s.Overall.CIHigh, s.Councils, s.ExcludedReversing)
	}
	if r.Synthetic {
		fmt.Fprintf(e.stdout, "note: %s\n", r.SyntheticNote)
	}
	printWritten(e.stdout, written)
	return nil
}
