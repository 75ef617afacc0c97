// The text helpers every rule relies on: Unicode whitespace, case folding,
// UTF-8 validity and quoting for notes.
#include "mapping/text.h"

#include <catch2/catch.hpp>

using namespace hiresync::mapping;
using namespace std::string_literals;

TEST_CASE("normalize_space trims and collapses every kind of Unicode whitespace") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"Jane Doe", "Jane Doe"},
      {"  Jane   Doe  ", "Jane Doe"},
      {"\tJane\n\r Doe\v\f", "Jane Doe"},
      {"\u00A0Jane\u00A0Doe\u00A0", "Jane Doe"},  // no-break space
      {"\u3000李\u3000小龙\u3000", "李 小龙"},    // ideographic space
      {"Jane\u2003\u2009Doe", "Jane Doe"},        // em space + thin space
      {"\u202FJane\u205FDoe\u1680", "Jane Doe"},
      {"\u2028Jane\u2029Doe\u0085", "Jane Doe"},  // line/paragraph separators, NEL
      {"\uFEFFJane\u200BDoe", "Jane Doe"},        // BOM, zero-width space
      {"", ""},
      {" \u00A0\u3000 ", ""},
      {"Zoë Ångström", "Zoë Ångström"},
  }));
  CAPTURE(input);
  CHECK(normalize_space(input) == expected);
}

TEST_CASE("normalize_space keeps bytes that are not UTF-8 instead of losing them") {
  const std::string input = "a\xC3 b\xFF";
  CAPTURE(input);
  CHECK(normalize_space(input) == input);
}

TEST_CASE("fold_case lower-cases Latin, Greek and Cyrillic capitals only") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"ENGINEERING", "engineering"},
      {"Ángström ÉQUIPE ØRESUND", "ángström équipe øresund"},
      {"ŁÓDŹ ŠKODA Ÿ", "łódź škoda ÿ"},
      {"ΑΘΗΝΑ", "αθηνα"},
      {"МОСКВА ЁЖ", "москва ёж"},
      {"東京 ×", "東京 ×"},
      {"straße", "straße"},
  }));
  CAPTURE(input);
  CHECK(fold_case(input) == expected);
}

TEST_CASE("same_name ignores case and whitespace but not spelling") {
  auto [a, b, same] = GENERATE(table<std::string, std::string, bool>({
      {"Engineering", " engineering ", true},
      {"People  Ops", "people\u00A0ops", true},
      {"New York", "NEW YORK", true},
      {"New York", "NewYork", false},
      {"Engineering", "Engineer", false},
      {"Équipe", "équipe", true},
      {"Equipe", "Équipe", false},
  }));
  CAPTURE(a, b);
  CHECK(same_name(a, b) == same);
}

TEST_CASE("is_clean_text rejects malformed UTF-8 and control characters, not whitespace") {
  auto [input, valid] = GENERATE(table<std::string, bool>({
      {"plain", true},
      {"Zoë 李小龙 😀", true},
      {"\xC3", false},              // truncated
      {"\xC0\xAF", false},          // overlong '/'
      {"\xED\xA0\x80", false},      // UTF-16 surrogate
      {"\xF4\x90\x80\x80", false},  // past U+10FFFF
      {"\xFF", false},
      {"a\x80", false},             // lone continuation byte
      {"tab\tand\nnewline", true},  // whitespace, removed by normalize_space
      {"nul\x00"s, false},
      {"bell\x07", false},
      {"del\x7F", false},
      {"c1\u0091", false},
      {"nel\u0085", true},  // U+0085 is whitespace
  }));
  CAPTURE(input);
  CHECK(is_clean_text(input) == valid);
}

TEST_CASE("quote makes any value a short printable part of a sentence") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"Berlin", "'Berlin'"},
      {"  two\n lines ", "'two lines'"},
      {"bad\xFF"
       "byte",
       "'bad\uFFFDbyte'"},
      {"bell\x07", "'bell\uFFFD'"},
      {std::string(70, 'x'), "'" + std::string(60, 'x') + "…'"},
  }));
  CAPTURE(input);
  CHECK(quote(input) == expected);
}
