package domain

import (
	"math"
	"testing"
)

func TestPageOffset(t *testing.T) {
	cases := []struct {
		page Page
		want int
	}{
		{Page{Number: 1, Size: 50}, 0},
		{Page{Number: 3, Size: 50}, 100},
		{Page{Number: math.MaxInt / 2, Size: 2}, maxOffset},
		{Page{Number: math.MaxInt, Size: 5000}, maxOffset},
	}
	for _, c := range cases {
		if got := c.page.Offset(); got != c.want {
			t.Errorf("Page%+v.Offset() = %d, want %d", c.page, got, c.want)
		}
	}
}
