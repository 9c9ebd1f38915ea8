package jsonbody

import (
	"encoding/json"
	"errors"
	"testing"
)

type round struct {
	Minutes int    `json:"minutes"`
	Mode    string `json:"round"`
}

type settings struct {
	OnlyAdmins *bool    `json:"onlyAdminsSeeBillableRates"`
	Round      *round   `json:"round"`
	Tags       []string `json:"tagIds"`
	Rates      []struct {
		Amount int32 `json:"amount"`
	} `json:"rates"`
	Ratio float64         `json:"ratio"`
	Count uint            `json:"count"`
	Raw   json.RawMessage `json:"raw"`
}

func TestUnmarshalMessages(t *testing.T) {
	cases := []struct {
		body, field, message string
	}{
		{`{"onlyAdminsSeeBillableRates":"yes"}`, "onlyAdminsSeeBillableRates", "onlyAdminsSeeBillableRates: expected a boolean, got a string"},
		{`{"round":{"minutes":"15"}}`, "round.minutes", "round.minutes: expected a whole number from -9223372036854775808 to 9223372036854775807, got a string"},
		{`{"round":{"round":15}}`, "round.round", "round.round: expected a string, got a number"},
		{`{"round":[1]}`, "round", "round: expected an object, got an array"},
		{`{"tagIds":"a,b"}`, "tagIds", "tagIds: expected an array, got a string"},
		{`{"tagIds":[true]}`, "tagIds", "tagIds: expected a string, got a boolean"},
		{`{"rates":[{"amount":1.5}]}`, "rates.amount", "rates.amount: expected a whole number from -2147483648 to 2147483647, got the number 1.5"},
		{`{"rates":[{"amount":3000000000}]}`, "rates.amount", "rates.amount: expected a whole number from -2147483648 to 2147483647, got the number 3000000000"},
		{`{"ratio":{}}`, "ratio", "ratio: expected a number, got an object"},
		{`{"count":-1}`, "count", "count: expected a whole number of 0 or more, got the number -1"},
		{`[]`, "", "body: expected an object, got an array"},
		{`{"onlyAdminsSeeBillableRates":x}`, "", "The body is not valid JSON: invalid character 'x' looking for beginning of value at line 1, column 31"},
		{"{\n  \"tagIds\": ]", "", "The body is not valid JSON: invalid character ']' looking for beginning of value at line 2, column 13"},
		{`{"tagIds":`, "", "The body is not valid JSON: unexpected end of JSON input"},
	}
	for _, c := range cases {
		t.Run(c.body, func(t *testing.T) {
			var v settings
			err := Unmarshal([]byte(c.body), &v)
			var bodyErr *Error
			if !errors.As(err, &bodyErr) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if bodyErr.Message != c.message {
				t.Errorf("message %q, want %q", bodyErr.Message, c.message)
			}
			if bodyErr.Field != c.field {
				t.Errorf("field %q, want %q", bodyErr.Field, c.field)
			}
		})
	}
}

func TestUnmarshalValid(t *testing.T) {
	var v settings
	if err := Unmarshal([]byte(`{"onlyAdminsSeeBillableRates":true,"raw":[1,"x"],"unknown":5}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.OnlyAdmins == nil || !*v.OnlyAdmins {
		t.Errorf("onlyAdminsSeeBillableRates = %v, want true", v.OnlyAdmins)
	}
	if string(v.Raw) != `[1,"x"]` {
		t.Errorf("raw = %s", v.Raw)
	}
}
