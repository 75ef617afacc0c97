#include "mapping/dates.h"

#include <fmt/format.h>

#include <cmath>

#include "mapping/offer_fields.h"
#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;
// 9999-12-31T23:59:59.999Z: four-digit years only, as YYYY-MM-DD requires.
constexpr int64_t kLastMs = 253'402'300'799'999;

int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

constexpr const char* kEnter = "enter the start date in Justworks.";

}  // namespace

// The calendar repeats every 400 years (146097 days). Shift the epoch to
// 0000-03-01 so that the leap day is the last day of a year, split the day
// count into 400-year eras, then into years of the era and days of the year;
// months are counted from March, whose month lengths follow a 153-day
// five-month pattern, which 5*d+2 / 153 recovers.
CivilDate civil_from_days(int64_t days_since_epoch) {
  constexpr int64_t kDaysPerEra = 146'097;
  constexpr int64_t kEpochFromMarch0 = 719'468;  // days from 0000-03-01 to 1970-01-01
  const int64_t days = days_since_epoch + kEpochFromMarch0;
  const int64_t era = floor_div(days, kDaysPerEra);
  const int64_t day_of_era = days - era * kDaysPerEra;  // [0, 146096]
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;                // [0, 11]
  const auto day = static_cast<unsigned>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const auto month =
      static_cast<unsigned>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

std::optional<std::string> utc_date_from_epoch_ms(int64_t epoch_ms) {
  if (epoch_ms < 0 || epoch_ms > kLastMs) return std::nullopt;
  const CivilDate date = civil_from_days(floor_div(epoch_ms, kMsPerDay));
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::optional<std::string> map_start_date(const OfferChoice& offer, std::vector<Note>& notes,
                                          std::vector<FieldSource>& sources) {
  sources.push_back(
      {"start_date",
       offer.signed_offer ? offer_field_path(offer.signed_index, "anticipated_start_date") : "",
       "MAP-8"});
  const auto note = [&](const std::string& why) {
    notes.push_back({"start_date", fmt::format("{}; {}", why, kEnter)});
    return std::nullopt;
  };
  if (offer.signed_offer == nullptr) {
    return note(fmt::format("{}, and the start date is taken only from a signed offer",
                            offer.why_not_signed));
  }
  const lever::OfferField* field =
      field_by_identifier(offer.signed_offer, "anticipated_start_date");
  const bool blank = field != nullptr && field->value.is_string() &&
                     normalize_space(field->value.get_ref<const std::string&>()).empty();
  if (field == nullptr || field->value.is_null() || blank) {
    return note("The signed Lever offer has no anticipated start date");
  }
  const nlohmann::json& value = field->value;
  const std::string shown = describe_value(value);
  if (value.is_string()) {
    return note(fmt::format("Lever start date {} is text, not a Lever date", shown));
  }
  if (!value.is_number()) {
    return note(fmt::format("Lever start date is not a date (it is {})", shown));
  }
  // Lever dates are whole milliseconds. A fraction, or a value no date can
  // have, is noted rather than rounded into a plausible-looking day.
  std::optional<int64_t> ms;
  if (value.is_number_unsigned()) {
    const uint64_t raw = value.get<uint64_t>();
    if (raw <= static_cast<uint64_t>(kLastMs)) ms = static_cast<int64_t>(raw);
  } else if (value.is_number_integer()) {
    ms = value.get<int64_t>();
  } else {
    const double raw = value.get<double>();
    if (!std::isfinite(raw) || raw != std::floor(raw)) {
      return note(fmt::format("Lever start date {} is not a whole number of milliseconds", shown));
    }
    if (raw >= -1e18 && raw <= 1e18) ms = static_cast<int64_t>(raw);
  }
  if (std::optional<std::string> date = ms ? utc_date_from_epoch_ms(*ms) : std::nullopt) {
    return date;
  }
  return note(fmt::format("Lever start date {} is not a date between 1970 and 9999", shown));
}

}  // namespace hiresync::mapping
