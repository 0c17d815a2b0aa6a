// Package chart draws psnbyod's charts with gonum/plot: the house style (Okabe–Ito colours, dash
// patterns and marker shapes that survive greyscale printing, Liberation Sans), tick labels in the
// documents' units, the builder of each Kind of chart, and the output as SVG, PNG and PDF.
//
// The line between this package and package reports: a chart is first described as a Spec (title,
// axis labels, caption, notes and the series with their points), and then drawn from that spec
// alone, so the picture cannot show anything the spec does not hold. Package reports builds the
// specs from analysis results (which figures to show, which to withhold, what the notes say) and
// decides where charts are saved and which document carries them; this package knows nothing of
// analysis results or files. It turns a Spec into pictures: Render, SVG, PNG, PDF, and Check for
// whether a spec can be drawn.
package chart
