package model

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestParseHundredths(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Hundredths
	}{
		{"integer", "95", 9500},
		{"one decimal", "95.5", 9550},
		{"two decimals", "95.50", 9550},
		{"two significant decimals", "92.25", 9225},
		{"zero", "0", 0},
		{"one hundredth", "0.01", 1},
		{"maximum", "100", 10000},
		{"leading zeros", "007.5", 750},
		{"negative", "-1.25", -125},
		{"full-width digits and point", "９５．５", 9550},
		{"full-width two decimals", "９２．２５", 9225},
		{"ideographic full stop", "95。5", 9550},
		{"halfwidth ideographic full stop", "95｡5", 9550},
		{"full-width minus", "－１", -100},
		{"leading and trailing spaces", "  95.5  ", 9550},
		{"tab and newline", "\t95\n", 9500},
		{"ideographic spaces", "\u300095.5\u3000", 9550},
		{"mixed spaces", " \u3000９５ \u3000", 9500},
		{"nine integer digits", "999999999.99", 99999999999},
		{"leading zeros do not count as size", "0000000000001", 100},
		// Excel reads a leading point as 0.: so do we.
		{"leading point", ".5", 50},
		{"negative leading point", "-.25", -25},
		{"full-width leading point", "．５", 50},
		{"ideographic full stop as leading point", "。５", 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHundredths(tt.in)
			if err != nil {
				t.Fatalf("ParseHundredths(%q) error %v, want %v", tt.in, err, tt.want)
			}
			if got != tt.want {
				t.Errorf("ParseHundredths(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseHundredthsRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"only spaces", "   "},
		{"only ideographic space", "\u3000"},
		{"letters", "abc"},
		{"NaN", "NaN"},
		{"lower nan", "nan"},
		{"inf", "inf"},
		{"Inf", "Inf"},
		{"signed infinity", "+Inf"},
		{"exponent", "1e2"},
		{"full-width exponent", "１ｅ２"},
		{"hex", "0x10"},
		{"octal prefix", "0o17"},
		{"underscore separator", "1_000"},
		{"plus sign", "+5"},
		{"full-width plus sign", "＋５"},
		{"three decimals", "95.555"},
		{"trailing zero third decimal", "95.500"},
		{"space inside", "9 5"},
		{"ideographic space inside", "9\u30005"},
		{"lone point", "."},
		{"trailing point", "1."},
		{"leading point without digits", ".-5"},
		{"minus point", "-."},
		{"lone minus", "-"},
		{"double minus", "--1"},
		{"minus after digits", "5-"},
		{"two points", "1.2.3"},
		{"decimal comma", "1,5"},
		{"percent", "95.5%"},
		{"non-ASCII digits", "٩٥"},
		{"ten integer digits", "1000000000"},
		{"formula", "=95"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHundredths(tt.in)
			if err == nil {
				t.Fatalf("ParseHundredths(%q) = %d, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseHundredths(%q) error %v, want one wrapping ErrInvalid", tt.in, err)
			}
		})
	}
}

func TestHundredthsString(t *testing.T) {
	tests := []struct {
		name string
		in   Hundredths
		want string
	}{
		{"zero", 0, "0.00"},
		{"one hundredth", 1, "0.01"},
		{"five hundredths", 5, "0.05"},
		{"one tenth", 10, "0.10"},
		{"one", 100, "1.00"},
		{"half", 9250, "92.50"},
		{"hundred", 10000, "100.00"},
		{"large", 123456789, "1234567.89"},
		{"negative hundredths", -5, "-0.05"},
		{"negative", -125, "-1.25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.String(); got != tt.want {
				t.Errorf("Hundredths(%d).String() = %q, want %q", int64(tt.in), got, tt.want)
			}
		})
	}
}

func TestHundredthsRoundTripProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		h := Hundredths(rng.Int64N(2*99999999999+1) - 99999999999)
		got, err := ParseHundredths(h.String())
		if err != nil || got != h {
			t.Fatalf("ParseHundredths(%q) = %d, %v; want %d", h.String(), got, err, h)
		}
	}
}

func TestCompositeRound(t *testing.T) {
	tests := []struct {
		name string
		in   Composite // millionths
		want Hundredths
		str  string
	}{
		{"zero", 0, 0, "0.00"},
		{"exact", 92_500_000, 9250, "92.50"},
		{"just below half", 92_504_999, 9250, "92.50"},
		{"half rounds up", 92_505_000, 9251, "92.51"},
		{"just above half", 92_505_001, 9251, "92.51"},
		{"half of an even hundredth rounds up", 92_495_000, 9250, "92.50"},
		{"below half of an even hundredth", 92_494_999, 9249, "92.49"},
		{"smallest half", 5_000, 1, "0.01"},
		{"below smallest half", 4_999, 0, "0.00"},
		{"half carries into units", 99_995_000, 10000, "100.00"},
		{"negative half away from zero", -5_000, -1, "-0.01"},
		{"negative below half", -4_999, 0, "0.00"},
		{"negative half", -92_505_000, -9251, "-92.51"},
		{"negative just below half", -92_504_999, -9250, "-92.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.Round(); got != tt.want {
				t.Errorf("Composite(%d).Round() = %d, want %d", int64(tt.in), got, tt.want)
			}
			if got := tt.in.String(); got != tt.str {
				t.Errorf("Composite(%d).String() = %q, want %q", int64(tt.in), got, tt.str)
			}
		})
	}
}

func TestCompositeRoundProperty(t *testing.T) {
	// Round agrees with exact rational half-away-from-zero rounding.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		c := Composite(rng.Int64N(2_000_000_000_001) - 1_000_000_000_000)
		r := new(big.Rat).SetFrac64(int64(c), 10_000) // in hundredths
		abs := new(big.Rat).Abs(r)
		abs.Add(abs, big.NewRat(1, 2))
		want := new(big.Int).Quo(abs.Num(), abs.Denom()).Int64()
		if r.Sign() < 0 {
			want = -want
		}
		if got := c.Round(); int64(got) != want {
			t.Fatalf("Composite(%d).Round() = %d, want %d", int64(c), got, want)
		}
	}
}

func TestCompositeOf(t *testing.T) {
	tests := []struct {
		name string
		in   Hundredths
		want Composite
	}{
		{"zero", 0, 0},
		{"two", 200, 2_000_000},
		{"one and a half", 150, 1_500_000},
		{"negative", -1, -10_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CompositeOf(tt.in); got != tt.want {
				t.Errorf("CompositeOf(%d) = %d, want %d", tt.in, got, tt.want)
			}
			if got := CompositeOf(tt.in).Round(); got != tt.in {
				t.Errorf("CompositeOf(%d).Round() = %d, want it back", tt.in, got)
			}
		})
	}
}

func TestParseWeight(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Weight
	}{
		{"one", "1", WeightOne},
		{"one with decimals", "1.0000", WeightOne},
		{"quarter", "0.25", 2500},
		{"one and a half", "1.5", 15000},
		{"four decimals", "0.3333", 3333},
		{"smallest", "0.0001", 1},
		{"ten", "10", 100000},
		{"full-width", "１．５", 15000},
		{"spaces", " 2 ", 20000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseWeight(tt.in)
			if err != nil {
				t.Fatalf("ParseWeight(%q) error %v, want %d", tt.in, err, tt.want)
			}
			if got != tt.want {
				t.Errorf("ParseWeight(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseWeightRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"zero", "0"},
		{"zero with decimals", "0.0000"},
		{"negative", "-1"},
		{"five decimals", "0.00001"},
		{"empty", ""},
		{"letters", "abc"},
		{"exponent", "1e1"},
		{"plus sign", "+1"},
		{"NaN", "NaN"},
		{"trailing point", "1."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseWeight(tt.in)
			if err == nil {
				t.Fatalf("ParseWeight(%q) = %d, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseWeight(%q) error %v, want one wrapping ErrInvalid", tt.in, err)
			}
		})
	}
}

func TestWeightString(t *testing.T) {
	tests := []struct {
		name string
		in   Weight
		want string
	}{
		{"one", WeightOne, "1"},
		{"quarter", 2500, "0.25"},
		{"one and a half", 15000, "1.5"},
		{"four decimals", 3333, "0.3333"},
		{"smallest", 1, "0.0001"},
		{"ten", 100000, "10"},
		{"twelve", 120000, "12"},
		{"hundred", 1000000, "100"},
		{"zero", 0, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.String(); got != tt.want {
				t.Errorf("Weight(%d).String() = %q, want %q", int64(tt.in), got, tt.want)
			}
		})
	}
}

func TestWeightRoundTripProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		w := Weight(rng.Int64N(10_000_000) + 1)
		got, err := ParseWeight(w.String())
		if err != nil || got != w {
			t.Fatalf("ParseWeight(%q) = %d, %v; want %d", w.String(), got, err, w)
		}
	}
}

func TestWeightTimes(t *testing.T) {
	tests := []struct {
		name string
		w    Weight
		h    Hundredths
		want Composite
		str  string
	}{
		{"weight one keeps the score", WeightOne, 9550, 95_500_000, "95.50"},
		{"half of an odd hundredth", 5000, 201, 1_005_000, "1.01"}, // 1.005 in float64 rounds to 1.00
		{"quarter", 2500, 9999, 24_997_500, "25.00"},
		{"thirds are exact", 3333, 9999, 33_326_667, "33.33"},
		{"one and a half", 15000, 9550, 143_250_000, "143.25"},
		{"zero score", 15000, 0, 0, "0.00"},
		{"smallest weight and score", 1, 1, 1, "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.w.Times(tt.h)
			if got != tt.want {
				t.Errorf("Weight(%s).Times(%s) = %d, want %d", tt.w, tt.h, got, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("Weight(%s).Times(%s).String() = %q, want %q", tt.w, tt.h, got.String(), tt.str)
			}
		})
	}
}

func TestWeightTimesExactProperty(t *testing.T) {
	// w × h in millionths equals the exact rational product, and
	// adding products never loses anything (0.1 + 0.2 == 0.3).
	rng := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		w := Weight(rng.Int64N(1_000_000) + 1)
		a := Hundredths(rng.Int64N(100_001))
		b := Hundredths(rng.Int64N(100_001))
		exact := new(big.Rat).Mul(big.NewRat(int64(w), 10_000), big.NewRat(int64(a), 100))
		got := new(big.Rat).SetFrac64(int64(w.Times(a)), 1_000_000)
		if got.Cmp(exact) != 0 {
			t.Fatalf("Weight(%s).Times(%s) = %s, want %s", w, a, got.RatString(), exact.RatString())
		}
		if w.Times(a)+w.Times(b) != w.Times(a+b) {
			t.Fatalf("Weight(%s): Times(%s)+Times(%s) != Times(%s)", w, a, b, a+b)
		}
	}
	if Weight(1000).Times(100)+Weight(2000).Times(100) != Weight(3000).Times(100) {
		t.Errorf("0.1×1 + 0.2×1 != 0.3×1")
	}
}

func TestNarrowRune(t *testing.T) {
	tests := []struct {
		name string
		in   rune
		want rune
	}{
		{"full-width digit", '９', '9'},
		{"full-width zero", '０', '0'},
		{"full-width point", '．', '.'},
		{"full-width comma", '，', ','},
		{"ideographic full stop", '。', '.'},
		{"ideographic comma", '、', ','},
		{"full-width minus", '－', '-'},
		{"em dash", '—', '-'},
		{"minus sign", '−', '-'},
		{"ideographic space", '\u3000', ' '},
		{"full-width Q", 'Ｑ', 'Q'},
		{"full-width tilde", '～', '~'},
		{"ASCII unchanged", '5', '5'},
		{"CJK unchanged", '区', '区'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NarrowRune(tt.in); got != tt.want {
				t.Errorf("NarrowRune(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestParseHundredthsQuotesTheTypedText: the refusal names the text as it
// was typed (after full-width normalisation), sign included.
func TestParseHundredthsQuotesTheTypedText(t *testing.T) {
	for in, want := range map[string]string{
		"9o.5": "“9o.5”不是数字", "-9o": "“-9o”不是数字", "８ｊ．５": "“8j.5”不是数字", "88.1分": "“88.1分”不是数字",
	} {
		_, err := ParseHundredths(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseHundredths(%q) error %v, want it to say %s", in, err, want)
		}
	}
}
