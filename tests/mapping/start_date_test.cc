// MAP-8: start date as a UTC calendar date, and the calendar arithmetic under it.
#include <catch2/catch.hpp>
#include <limits>

#include "hire_fixture.h"
#include "mapping/dates.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

PendingHireDraft map_start(const json& value) {
  HireInputs in = jane();
  set_field(the_offer(in), "anticipated_start_date", value);
  return map_hire(in);
}

// An independent oracle for civil_from_days: walk the calendar one day at a time.
struct Walker {
  int64_t year;
  unsigned month, day;
  static bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
  unsigned month_length() const {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : kDays[month - 1];
  }
  void next() {
    if (++day > month_length()) day = 1, month = month == 12 ? 1 : month + 1, year += month == 1;
  }
  void previous() {
    if (--day == 0) {
      month = month == 1 ? 12 : month - 1;
      year -= month == 12;
      day = month_length();
    }
  }
};

}  // namespace

// Expected values computed independently (Python's datetime in UTC).
TEST_CASE("MAP-8 epoch milliseconds become the UTC calendar date") {
  auto [ms, date] = GENERATE(table<int64_t, std::string>({
      {0, "1970-01-01"},
      {kJaneStartMs, "2027-01-04"},
      {1'835'395'200'000, "2028-02-29"},  // leap day
      {951'782'400'000, "2000-02-29"},    // leap century
      {4'107'542'399'999, "2100-02-28"},  // 2100 is not a leap year
      {4'107'542'400'000, "2100-03-01"},
      {253'402'300'799'999, "9999-12-31"},
  }));
  const PendingHireDraft d = map_start(ms);
  CAPTURE(ms, all_notes(d));
  CHECK(j(d.start_date) == date);
  CHECK(notes_for(d, "start_date").empty());
}

TEST_CASE("MAP-8 the day changes exactly at UTC midnight, whatever US daylight saving does") {
  // US clocks spring forward on 2027-03-14 and fall back on 2027-11-07; a
  // conversion through a local time zone would move these by a day.
  auto [ms, date] = GENERATE(table<int64_t, std::string>({
      {1'804'982'399'999, "2027-03-13"},  // 23:59:59.999Z the day before
      {1'804'982'400'000, "2027-03-14"},  // 00:00Z (19:00 the day before in New York)
      {1'805'007'600'000, "2027-03-14"},  // 07:00Z, just after the jump in New York
      {1'805'068'799'999, "2027-03-14"},  // 23:59:59.999Z
      {1'805'068'800'000, "2027-03-15"},
      {1'825'545'600'000, "2027-11-07"},
      {1'825'631'999'999, "2027-11-07"},
  }));
  const PendingHireDraft d = map_start(ms);
  CAPTURE(ms);
  CHECK(j(d.start_date) == date);
}

TEST_CASE("MAP-8 a whole-number float is a date; fractions, text and nonsense are noted") {
  auto [value, date, why] = GENERATE(table<json, json, std::string>({
      {1799020800000.0, "2027-01-04", ""},
      {1799020800000.5, nullptr, "not a whole number of milliseconds"},
      {-1, nullptr, "-1 is not a date between 1970 and 9999"},
      {-86'400'000, nullptr, "between 1970 and 9999"},
      {253'402'300'800'000, nullptr, "between 1970 and 9999"},
      {std::numeric_limits<int64_t>::max(), nullptr, "between 1970 and 9999"},
      {std::numeric_limits<int64_t>::min(), nullptr, "between 1970 and 9999"},
      {std::numeric_limits<uint64_t>::max(), nullptr, "between 1970 and 9999"},
      {1e300, nullptr, "between 1970 and 9999"},
      {-1e300, nullptr, "between 1970 and 9999"},
      {"2027-01-04", nullptr, "'2027-01-04' is text, not a Lever date"},
      {"1799020800000", nullptr, "is text"},
      {true, nullptr, "not a date (it is true)"},
      {json::object({{"date", 1}}), nullptr, "not a date (it is an object)"},
      {nullptr, nullptr, "no anticipated start date"},
      {" ", nullptr, "no anticipated start date"},
  }));
  const PendingHireDraft d = map_start(value);
  CAPTURE(value, all_notes(d));
  CHECK(j(d.start_date) == date);
  if (!why.empty()) CHECK_THAT(notes_for(d, "start_date"), Catch::Contains(why));
}

TEST_CASE("MAP-8 the start date is never read from an offer that is not signed") {
  HireInputs in = jane();
  the_offer(in).status = "sent-manually";
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.start_date) == nullptr);
  CHECK_THAT(notes_for(d, "start_date"), Catch::Contains("offer workflow is not complete") &&
                                             Catch::Contains("only from a signed offer"));
}

TEST_CASE("civil_from_days agrees with a day-by-day calendar walk from 1600 to 2400") {
  Walker forward{1970, 1, 1};
  Walker backward{1970, 1, 1};
  // Every day in both directions; stop at the first mismatch to keep output short.
  for (int64_t days = 0; days <= 157'000; ++days, forward.next()) {
    const mapping::CivilDate got = mapping::civil_from_days(days);
    if (got != mapping::CivilDate{forward.year, forward.month, forward.day}) {
      CAPTURE(days, got.year, got.month, got.day, forward.year, forward.month, forward.day);
      FAIL("forward walk disagrees");
    }
  }
  for (int64_t days = 0; days >= -135'000; --days, backward.previous()) {
    const mapping::CivilDate got = mapping::civil_from_days(days);
    if (got != mapping::CivilDate{backward.year, backward.month, backward.day}) {
      CAPTURE(days, got.year, got.month, got.day, backward.year, backward.month, backward.day);
      FAIL("backward walk disagrees");
    }
  }
  SUCCEED();
}
