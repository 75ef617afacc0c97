// MAP-8: the start date, from the signed offer's anticipated_start_date
// (milliseconds since 1970-01-01T00:00:00Z) as a UTC calendar date. The
// conversion is plain arithmetic on the proleptic Gregorian calendar, so no
// time zone, daylight-saving rule or OS time function can shift it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mapping/map_hire.h"
#include "mapping/offer_choice.h"

namespace hiresync::mapping {

struct CivilDate {
  int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
  bool operator==(const CivilDate&) const = default;
};

// Days since 1970-01-01 → proleptic Gregorian date, for any |days| < 2^62
// (far beyond every date an epoch-ms value can name).
CivilDate civil_from_days(int64_t days_since_epoch);

// "YYYY-MM-DD" for the UTC day holding `epoch_ms`; nullopt outside
// 1970-01-01 .. 9999-12-31, where a start date can only be a typo.
std::optional<std::string> utc_date_from_epoch_ms(int64_t epoch_ms);

std::optional<std::string> map_start_date(const OfferChoice& offer, std::vector<Note>& notes,
                                          std::vector<FieldSource>& sources);

}  // namespace hiresync::mapping
