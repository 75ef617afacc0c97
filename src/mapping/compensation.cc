#include "mapping/compensation.h"

#include <fmt/format.h>

#include <cmath>

#include "mapping/offer_fields.h"
#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

// Appended to every note of this rule: what Justworks accepts.
constexpr const char* kAccepted =
    "Justworks accepts hour (wage) or year (salary) in US dollars; enter the compensation in "
    "Justworks.";

// Above this an amount is a typo (an extra zero, cents typed as dollars), not pay.
constexpr double kAmountMax = 1'000'000'000;

// The amount, or the sentence saying why there is none. Strings are never
// parsed: "142,000" could be 142000 or 142.000, and a guess must not reach payroll.
std::optional<double> read_amount(const lever::OfferField* field, std::string& problem) {
  const bool blank = field != nullptr && field->value.is_string() &&
                     normalize_space(field->value.get_ref<const std::string&>()).empty();
  if (field == nullptr || field->value.is_null() || blank) {
    problem = "The Lever offer has no compensation amount.";
    return std::nullopt;
  }
  const nlohmann::json& value = field->value;
  const std::string shown = describe_value(value);
  if (value.is_string()) {
    problem = fmt::format("Lever compensation amount {} is text, not a number.", shown);
    return std::nullopt;
  }
  if (!value.is_number()) {
    problem = fmt::format("Lever compensation amount is not a number (it is {}).", shown);
    return std::nullopt;
  }
  const double amount = value.get<double>();
  if (!std::isfinite(amount)) {
    problem = "Lever compensation amount is not a number.";
  } else if (amount <= 0) {
    problem = fmt::format("Lever compensation amount {} is not positive.", shown);
  } else if (amount > kAmountMax) {
    problem = fmt::format("Lever compensation amount {} is too large to be real pay.", shown);
  } else if (const double cents = amount * 100; std::abs(cents - std::round(cents)) > 1e-4) {
    // The tolerance absorbs binary rounding (23.45 * 100 is 2344.9999…) but
    // not a real fraction of a cent.
    problem = fmt::format("Lever compensation amount {} has fractions of a cent.", shown);
  } else {
    return amount;
  }
  return std::nullopt;
}

std::optional<std::string> read_type_of_earnings(const lever::OfferField* field,
                                                 std::string& problem) {
  const TextValue interval = read_text(field);
  if (interval.state == TextState::kAbsent) {
    problem = "The Lever offer has no type of earnings.";
    return std::nullopt;
  }
  if (interval.state == TextState::kWrongType) {
    problem =
        fmt::format("Lever type of earnings is not text (it is {}).", describe_value(field->value));
    return std::nullopt;
  }
  const std::string folded = fold_case(interval.text);
  if (folded == "per-year-salary") return "salary";
  if (folded == "per-hour-wage") return "wage";
  problem = fmt::format("Lever type of earnings {} is not supported.", quote(interval.text));
  return std::nullopt;
}

// A missing currency is taken as USD: Justworks pays US payroll only and
// Lever fills the field with the account's currency, so a blank one is an
// older or API-made offer. The note makes the assumption visible.
bool check_currency(const lever::OfferField* field, std::string& problem,
                    std::vector<Note>& notes) {
  const TextValue currency = read_text(field);
  if (currency.state == TextState::kAbsent) {
    notes.push_back({"compensation_amount",
                     "The Lever offer has no compensation currency, so the amount was taken as "
                     "US dollars; check it in Justworks."});
    return true;
  }
  if (currency.state == TextState::kWrongType) {
    problem = fmt::format("Lever compensation currency is not text (it is {}).",
                          describe_value(field->value));
    return false;
  }
  if (fold_case(currency.text) == "usd") return true;
  problem = fmt::format("Lever compensation currency {} is not US dollars.", quote(currency.text));
  return false;
}

void note_both(std::vector<Note>& notes, const std::string& reason) {
  notes.push_back({"compensation_amount", reason});
  notes.push_back({"type_of_earnings", reason});
}

}  // namespace

Compensation map_compensation(const OfferChoice& offer, std::vector<Note>& notes,
                              std::vector<FieldSource>& sources) {
  const auto path = [&](const char* identifier) {
    return offer.terms ? offer_field_path(offer.terms_index, identifier) : std::string();
  };
  sources.push_back({"compensation_amount", path("salary_amount"), "MAP-5"});
  sources.push_back({"type_of_earnings", path("salary_interval"), "MAP-5"});
  if (offer.terms == nullptr) {
    note_both(notes, fmt::format("{}, and compensation comes only from an offer. {}",
                                 offer.why_no_terms, kAccepted));
    return {};
  }
  std::string amount_problem, interval_problem, currency_problem;
  std::vector<Note> currency_notes;  // kept only if the amount is kept
  Compensation result;
  result.amount = read_amount(field_by_identifier(offer.terms, "salary_amount"), amount_problem);
  result.type_of_earnings =
      read_type_of_earnings(field_by_identifier(offer.terms, "salary_interval"), interval_problem);
  const bool usd = check_currency(field_by_identifier(offer.terms, "compensation_currency"),
                                  currency_problem, currency_notes);
  if (result.amount && result.type_of_earnings && usd) {
    notes.insert(notes.end(), currency_notes.begin(), currency_notes.end());
    return result;
  }
  std::string reason;
  for (const std::string* problem : {&amount_problem, &interval_problem, &currency_problem}) {
    if (!problem->empty()) reason += *problem + " ";
  }
  note_both(notes, reason + kAccepted);
  return {};
}

}  // namespace hiresync::mapping
