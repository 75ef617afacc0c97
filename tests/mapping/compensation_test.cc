// MAP-5: compensation amount and type of earnings.
#include <catch2/catch.hpp>

#include "hire_fixture.h"

using namespace hiresync;
using namespace hiresync::testing;

namespace {

PendingHireDraft map_pay(const json& amount, const json& interval, const json& currency) {
  HireInputs in = jane();
  set_field(the_offer(in), "salary_amount", amount);
  set_field(the_offer(in), "salary_interval", interval);
  set_field(the_offer(in), "compensation_currency", currency);
  return map_hire(in);
}

}  // namespace

TEST_CASE("MAP-5 a yearly salary or hourly wage in USD is synced as given") {
  auto [amount, interval, currency, type] = GENERATE(table<json, json, json, std::string>({
      {185000, "per-year-salary", "USD", "salary"},
      {185000.5, "per-year-salary", "USD", "salary"},
      {23.5, "per-hour-wage", "USD", "wage"},
      {23.45, "per-hour-wage", "usd", "wage"},
      {15, " Per-Hour-Wage ", " USD ", "wage"},
      {0.01, "per-hour-wage", "USD", "wage"},
  }));
  const PendingHireDraft d = map_pay(amount, interval, currency);
  CAPTURE(amount, interval, currency, all_notes(d));
  CHECK(j(d.compensation_amount) == amount.get<double>());
  CHECK(j(d.type_of_earnings) == type);
  CHECK(notes_for(d, "compensation_amount").empty());
  CHECK(notes_for(d, "type_of_earnings").empty());
}

TEST_CASE("MAP-5 any other type of earnings drops amount and type, naming the value") {
  auto interval = GENERATE(as<json>{}, "per-month-salary", "per-week-salary", "per-day-wage",
                           "year", "hour (wage)", "per-year");
  const PendingHireDraft d = map_pay(5000, interval, "USD");
  CAPTURE(interval, all_notes(d));
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK(j(d.type_of_earnings) == nullptr);
  for (const char* field : {"compensation_amount", "type_of_earnings"}) {
    CAPTURE(field);
    CHECK_THAT(notes_for(d, field),
               Catch::Contains("'" + interval.get<std::string>() + "' is not supported") &&
                   Catch::Contains("Justworks accepts hour (wage) or year (salary)"));
  }
}

TEST_CASE("MAP-5 a missing type of earnings drops amount and type with a note") {
  auto interval = GENERATE(as<json>{}, nullptr, "", "   ");
  const PendingHireDraft d = map_pay(185000, interval, "USD");
  CAPTURE(interval, all_notes(d));
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK(j(d.type_of_earnings) == nullptr);
  CHECK_THAT(notes_for(d, "type_of_earnings"),
             Catch::Contains("no type of earnings") &&
                 Catch::Contains("Justworks accepts hour (wage) or year (salary)"));
}

TEST_CASE("MAP-5 a currency other than USD drops amount and type, naming the currency") {
  auto currency = GENERATE(as<std::string>{}, "EUR", "CAD", "US$", "dollars");
  const PendingHireDraft d = map_pay(185000, "per-year-salary", currency);
  CAPTURE(currency, all_notes(d));
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK(j(d.type_of_earnings) == nullptr);
  CHECK_THAT(notes_for(d, "compensation_amount"),
             Catch::Contains("'" + currency + "' is not US dollars") &&
                 Catch::Contains("Justworks accepts hour (wage) or year (salary)"));
}

TEST_CASE("MAP-5 a missing currency is taken as USD and says so") {
  auto currency = GENERATE(as<json>{}, nullptr, "", "<absent>");
  HireInputs in = jane();
  if (currency == "<absent>") {
    remove_field(the_offer(in), "compensation_currency");
  } else {
    set_field(the_offer(in), "compensation_currency", currency);
  }
  const PendingHireDraft d = map_hire(in);
  CAPTURE(currency, all_notes(d));
  CHECK(j(d.compensation_amount) == 185000.0);
  CHECK(j(d.type_of_earnings) == "salary");
  CHECK_THAT(notes_for(d, "compensation_amount"), Catch::Contains("taken as US dollars"));
}

TEST_CASE("MAP-5 an amount that is not a positive number drops amount and type") {
  auto [amount, why] = GENERATE(table<json, std::string>({
      {0, "0 is not positive"},
      {-5, "-5 is not positive"},
      {-0.0, "is not positive"},
      {"142,000", "'142,000' is text, not a number"},
      {"$142000", "'$142000' is text, not a number"},
      {"142000", "'142000' is text, not a number"},
      {nullptr, "no compensation amount"},
      {" ", "no compensation amount"},
      {true, "not a number (it is true)"},
      {json::array({185000}), "not a number (it is a list)"},
      {json::object({{"amount", 185000}}), "not a number (it is an object)"},
      {23.456, "23.456 has fractions of a cent"},
      {5e12, "too large"},
  }));
  const PendingHireDraft d = map_pay(amount, "per-year-salary", "USD");
  CAPTURE(amount, all_notes(d));
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK(j(d.type_of_earnings) == nullptr);
  for (const char* field : {"compensation_amount", "type_of_earnings"}) {
    CAPTURE(field);
    CHECK_THAT(
        notes_for(d, field),
        Catch::Contains(why) && Catch::Contains("Justworks accepts hour (wage) or year (salary)"));
  }
}

TEST_CASE("MAP-5 a missing amount field drops amount and type with a note") {
  HireInputs in = jane();
  remove_field(the_offer(in), "salary_amount");
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK(j(d.type_of_earnings) == nullptr);
  CHECK_THAT(notes_for(d, "compensation_amount"), Catch::Contains("no compensation amount"));
}

TEST_CASE("MAP-5 several problems are all named in one note") {
  const PendingHireDraft d = map_pay(-1, "per-month-salary", "GBP");
  CAPTURE(all_notes(d));
  CHECK_THAT(notes_for(d, "compensation_amount"), Catch::Contains("-1 is not positive") &&
                                                      Catch::Contains("'per-month-salary'") &&
                                                      Catch::Contains("'GBP'"));
}

TEST_CASE("MAP-5 with no usable offer amount and type are empty and noted") {
  HireInputs in = jane();
  in.offers.clear();
  const PendingHireDraft d = map_hire(in);
  CAPTURE(all_notes(d));
  CHECK(j(d.compensation_amount) == nullptr);
  CHECK(j(d.type_of_earnings) == nullptr);
  CHECK_THAT(notes_for(d, "compensation_amount"), Catch::Contains("no offer in Lever"));
  CHECK_THAT(notes_for(d, "type_of_earnings"), Catch::Contains("no offer in Lever"));
}
