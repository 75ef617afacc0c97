// MAP-2: the home email, from the opportunity's emails.
#include <fmt/format.h>

#include "mapping/person.h"
#include "mapping/text.h"

namespace hiresync::mapping {
namespace {

// "Lever email 'x' is not an email address" or the plural, for notes.
std::string not_addresses(const std::vector<std::string>& quoted) {
  if (quoted.size() == 1) return fmt::format("Lever email {} is not an email address", quoted[0]);
  return fmt::format("Lever emails {} are not email addresses", fmt::join(quoted, ", "));
}

}  // namespace

bool looks_like_email(const std::string& s) {
  constexpr size_t kMaxLength = 254;  // the longest address SMTP can carry
  if (s.size() > kMaxLength || !is_clean_text(s)) return false;
  if (split_words(s).size() != 1) return false;  // spaces inside
  const size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  const std::string domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  return dot != std::string::npos && dot != 0 && domain.back() != '.';
}

std::optional<std::string> map_home_email(const lever::Opportunity& opportunity,
                                          std::vector<Note>& notes,
                                          std::vector<FieldSource>& sources) {
  if (opportunity.is_anonymized) {
    sources.push_back({"home_email", "opportunity.isAnonymized", "MAP-2"});
    notes.push_back({"home_email",
                     "The candidate is anonymized in Lever, so no email was synced; enter it in "
                     "Justworks."});
    return std::nullopt;
  }
  std::vector<std::string> skipped;
  for (size_t i = 0; i < opportunity.emails.size(); ++i) {
    const std::string& entry = opportunity.emails[i];
    const std::string address = normalize_space(entry);
    if (address.empty()) continue;
    if (looks_like_email(address)) {
      sources.push_back({"home_email", fmt::format("opportunity.emails[{}]", i), "MAP-2"});
      if (!skipped.empty()) {
        notes.push_back({"home_email", not_addresses(skipped) + ", so the next one was used."});
      }
      return address;
    }
    skipped.push_back(quote(entry));
  }
  sources.push_back({"home_email", "opportunity.emails", "MAP-2"});
  if (skipped.empty()) {
    notes.push_back({"home_email", "The candidate has no email in Lever; enter it in Justworks."});
  } else {
    notes.push_back(
        {"home_email", not_addresses(skipped) + "; enter the home email in Justworks."});
  }
  return std::nullopt;
}

}  // namespace hiresync::mapping
