package main

import (
	"math"
	"testing"
)

func TestUpperBound(t *testing.T) {
	for _, tt := range []struct {
		xs   []float64
		want float64
	}{
		// mean .02, sd .014142, se .01, t(1) 12.706: .02 + .12706.
		{[]float64{0.01, 0.03}, 0.14706},
		// mean .02, sd .01, se .01/sqrt(3) = .0057735, t(2) 4.303: .02 + .024843.
		{[]float64{0.01, 0.02, 0.03}, 0.044843},
		// No spread: the mean itself.
		{[]float64{0.02, 0.02, 0.02, 0.02}, 0.02},
		// One writer says nothing about the spread.
		{[]float64{0.01}, 1},
	} {
		if got := upperBound(tt.xs); math.Abs(got-tt.want) > 1e-5 {
			t.Errorf("upperBound(%v) = %.6f, want %.6f", tt.xs, got, tt.want)
		}
	}
}
