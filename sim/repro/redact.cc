#include "repro/redact.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "common/json_pointer.h"

namespace sim::repro {
namespace {

using nlohmann::json;

// One UTF-8 character of `s` at `i`: its length in bytes (1 for a stray byte).
size_t char_length(const std::string& s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  return i + n <= s.size() ? n : 1;
}

// Letters and digits make runs; spaces, punctuation (ASCII, Latin-1's, the
// general punctuation block with ’ and typographic spaces, CJK's) separate them.
bool is_run_char(const std::string& ch) {
  const auto c0 = static_cast<unsigned char>(ch[0]);
  if (ch.size() == 1) return std::isalnum(c0) != 0;
  const auto c1 = static_cast<unsigned char>(ch[1]);
  if (ch.size() == 2 && c0 == 0xC2) return false;                                // U+0080–U+00BF
  if (ch.size() == 2 && c0 == 0xC3 && (c1 == 0x97 || c1 == 0xB7)) return false;  // × ÷
  if (ch.size() == 3 && c0 == 0xE2 && (c1 == 0x80 || c1 == 0x81)) return false;  // U+2000–U+207F
  if (ch.size() == 3 && c0 == 0xE3 && c1 == 0x80) return false;                  // U+3000–U+303F
  return true;
}

// A Latin-1 capital (À…Þ) as two bytes.
bool latin1_upper(const std::string& ch) {
  return ch.size() == 2 && static_cast<unsigned char>(ch[0]) == 0xC3 &&
         static_cast<unsigned char>(ch[1]) < 0x9F;
}

// The run's key: ASCII and Latin-1 letters folded to lower case.
std::string fold(const std::string& run) {
  std::string out;
  for (size_t i = 0; i < run.size();) {
    const size_t n = char_length(run, i);
    std::string ch = run.substr(i, n);
    if (n == 1) ch[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(ch[0])));
    if (latin1_upper(ch)) ch[1] = static_cast<char>(static_cast<unsigned char>(ch[1]) + 0x20);
    out += ch;
    i += n;
  }
  return out;
}

// Calls `on_piece(text, is_run)` for each run and each separator stretch.
template <typename F>
void split_runs(const std::string& s, F on_piece) {
  std::string piece;
  bool in_run = false;
  for (size_t i = 0; i < s.size();) {
    const size_t n = char_length(s, i);
    const std::string ch = s.substr(i, n);
    const bool run = is_run_char(ch);
    if (!piece.empty() && run != in_run) {
      on_piece(piece, in_run);
      piece.clear();
    }
    in_run = run;
    piece += ch;
    i += n;
  }
  if (!piece.empty()) on_piece(piece, in_run);
}

constexpr std::array<const char*, 26> kUpperLatin1 = {"À", "Á", "Â", "Ã", "Ä", "Å", "Æ", "Ç", "È",
                                                      "É", "Ê", "Ë", "Ì", "Í", "Î", "Ï", "Ñ", "Ò",
                                                      "Ó", "Ô", "Õ", "Ö", "Ø", "Ù", "Ú", "Û"};
constexpr std::array<const char*, 26> kLowerLatin1 = {"à", "á", "â", "ã", "ä", "å", "æ", "ç", "è",
                                                      "é", "ê", "ë", "ì", "í", "î", "ï", "ñ", "ò",
                                                      "ó", "ô", "õ", "ö", "ø", "ù", "ú", "û"};

// Bytes of HMAC-SHA256(key, label · counter), as many as asked.
class KeyedStream {
 public:
  KeyedStream(const std::string& key, const std::string& label) : key_(key), label_(label) {}
  unsigned next() {
    if (used_ == block_.size()) refill();
    return block_[used_++];
  }

 private:
  void refill() {
    const std::string input = label_ + '\0' + std::to_string(counter_++);
    unsigned int length = 0;
    HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), block_.data(),
         &length);
    used_ = 0;
  }
  const std::string& key_;
  std::string label_;
  uint64_t counter_ = 0;
  std::array<unsigned char, 32> block_{};
  size_t used_ = 32;
};

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Offer fields whose values the mapping reads and that say nothing about the person.
bool kept_offer_field(const std::string& identifier, const std::string& text) {
  static const std::set<std::string> kKept = {
      "job_title",      "compensation_currency", "salary_interval", "job_posting",
      "hiring_manager", "direct_manager",        "location/office", "team",
      "department",     "employment_status"};
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool a_date =
      identifier.size() > 5 && identifier.compare(identifier.size() - 5, 5, "_date") == 0;
  return kKept.count(identifier) != 0 || a_date || lower == "member type" ||
         lower == "exemption status";
}

// What a replaced value is, from the key it sits under.
std::string kind_of_key(const std::string& key) {
  std::string k = key;
  for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (k.find("email") != std::string::npos) return "email";
  if (k.find("phone") != std::string::npos) return "phone";
  if (k.find("location") != std::string::npos || k.find("address") != std::string::npos)
    return "address";
  if (k.find("name") != std::string::npos) return "name";
  return "free text";
}

}  // namespace

Redactor::Redactor() : key_(32, '\0') {
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key_.data()), static_cast<int>(key_.size())) !=
      1) {
    // No OS randomness: refuse to pretend, a fixed key would be guessable.
    std::abort();
  }
}

Redactor::Redactor(std::string key) : key_(std::move(key)) {}

std::string Redactor::pseudonym_run(const std::string& run) {
  const std::string folded = fold(run);
  auto it = runs_.find(folded);
  if (it == runs_.end()) {
    // The pseudonym of the folded run, in lower case; each use re-applies its own case.
    KeyedStream stream(key_, "run:" + folded);
    std::string out;
    for (size_t i = 0; i < folded.size();) {
      const size_t n = char_length(folded, i);
      const unsigned b = stream.next();
      if (n == 1 && std::isdigit(static_cast<unsigned char>(folded[i])))
        out += static_cast<char>('0' + b % 10);
      else if (n == 1)
        out += static_cast<char>('a' + b % 26);
      else if (n == 3) {
        const unsigned cp = 0x4E00 + (b | (stream.next() << 8)) % 0x1000;  // a CJK ideograph
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += kLowerLatin1[b % kLowerLatin1.size()];
      }
      i += n;
    }
    it = runs_.emplace(folded, out).first;
  }
  return with_case_of(run, it->second);
}

// `pseudonym` (lower case) in the case of `run`, character by character.
std::string Redactor::with_case_of(const std::string& run, const std::string& pseudonym) {
  std::string cased;
  size_t p = 0;
  for (size_t i = 0; i < run.size() && p < pseudonym.size();) {
    const size_t n = char_length(run, i), m = char_length(pseudonym, p);
    std::string ch = pseudonym.substr(p, m);
    const std::string orig = run.substr(i, n);
    if (n == 1 && std::isupper(static_cast<unsigned char>(orig[0])) && m == 1)
      ch[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(ch[0])));
    if (latin1_upper(orig) && m == 2) {
      for (size_t k = 0; k < kLowerLatin1.size(); ++k) {
        if (ch == kLowerLatin1[k]) ch = kUpperLatin1[k];
      }
    }
    cased += ch;
    i += n;
    p += m;
  }
  return cased;
}

std::string Redactor::text(const std::string& value, const std::string& path,
                           const std::string& kind) {
  // Words of people's names, addresses and contacts are scrubbed from other
  // text too; words of free text and links are not (they are everyday words).
  const bool identifying = kind == "name" || kind == "email" || kind == "phone" ||
                           kind == "address" || kind == "company name";
  std::string out;
  split_runs(value, [&](const std::string& piece, bool run) {
    if (run && identifying) scrubbed_runs_.insert(fold(piece));
    out += run ? pseudonym_run(piece) : piece;
  });
  if (out != value) {
    entries_.push_back({{"kind", kind}, {"path", path}});
    values_[value] = out;
  }
  return out;
}

// An id that may spell a name (a Justworks member "m-dana", a company "acme")
// becomes "id-" and 12 hex digits of its keyed hash: distinct ids stay distinct.
std::string Redactor::identifier(const std::string& value, const std::string& path) {
  KeyedStream stream(key_, "id:" + value);
  std::string out = "id-";
  for (int i = 0; i < 6; ++i) out += fmt::format("{:02x}", stream.next());
  entries_.push_back({{"kind", "identifier"}, {"path", path}});
  values_[value] = out;
  return out;
}

json Redactor::amount(const json& value, const std::string& path) {
  if (value.is_string()) return text(value.get<std::string>(), path, "compensation");
  if (!value.is_number() || value.get<double>() <= 0)
    return value;  // 0 and below drop the same way
  const double original = value.get<double>();
  const auto whole = static_cast<uint64_t>(std::floor(original));
  const std::string digits = std::to_string(whole);
  KeyedStream stream(key_, "amount:" + value.dump());
  uint64_t low = 1;
  for (size_t i = 1; i < digits.size(); ++i) low *= 10;
  uint64_t draw = 0;
  for (int i = 0; i < 6; ++i) draw = (draw << 8) | stream.next();
  const uint64_t span = whole == 0 ? 1 : low * 9;
  const uint64_t replaced = whole == 0 ? 0 : low + draw % span;
  // Short numbers (an hourly 31) are days and counts in other text too.
  if (digits.size() >= 4) amounts_[digits] = std::to_string(replaced);
  entries_.push_back({{"kind", "compensation"}, {"path", path}});
  if (value.is_number_integer()) return replaced;
  if (original == std::floor(original)) return static_cast<double>(replaced);
  return static_cast<double>(replaced) + static_cast<double>(stream.next() % 99 + 1) / 100.0;
}

void Redactor::keep(const json& value) {
  if (value.is_string()) {
    split_runs(value.get<std::string>(), [&](const std::string& piece, bool run) {
      if (run) kept_runs_.insert(fold(piece));
    });
  } else if (value.is_structured()) {
    for (const json& v : value) keep(v);
  }
}

json Redactor::apply(const json& value, Rule rule, const std::string& path,
                     const std::string& kind) {
  switch (rule) {
    case Rule::kKeep:
      keep(value);
      return value;
    case Rule::kAmount:
      return amount(value, path);
    case Rule::kLink:
    case Rule::kText:
      break;
  }
  if (value.is_string()) {
    const std::string s = value.get<std::string>();
    if (rule == Rule::kLink) {
      // The scheme stays, so a link still reads as one.
      for (const char* scheme : {"https://", "http://", "mailto:"}) {
        if (starts_with(s, scheme))
          return scheme + text(s.substr(std::string(scheme).size()), path, "link");
      }
      return text(s, path, "link");
    }
    return text(s, path, kind);
  }
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : value.items()) {
      const std::string at = path + "/" + pointer_segment(k);
      // Within text: a phone's or signature's type and role are vocabulary, not data.
      if (k == "type" || k == "role" || k == "status")
        out[k] = apply(v, Rule::kKeep, at, kind);
      else if (rule == Rule::kLink || k.find("url") != std::string::npos ||
               k.find("Url") != std::string::npos)
        out[k] = apply(v, Rule::kLink, at, "link");
      else
        out[k] = apply(
            v, rule, at,
            rule == Rule::kText ? kind_of_key(k) == "free text" ? kind : kind_of_key(k) : kind);
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (size_t i = 0; i < value.size(); ++i)
      out.push_back(apply(value[i], rule, fmt::format("{}/{}", path, i), kind));
    return out;
  }
  return value;  // numbers, booleans, null: timestamps and flags
}

// Keys in `kept` stay; links and urls become links; everything else is text.
json Redactor::redact_object(const json& obj, const std::string& path,
                             const std::set<std::string>& kept) {
  if (!obj.is_object()) return apply(obj, Rule::kText, path, "free text");
  json out = json::object();
  for (const auto& [k, v] : obj.items()) {
    const std::string at = path + "/" + pointer_segment(k);
    if (kept.count(k))
      out[k] = apply(v, Rule::kKeep, at, "");
    else if (k == "urls" || k == "links" || k == "photo")
      out[k] = apply(v, Rule::kLink, at, "link");
    else
      out[k] = apply(v, Rule::kText, at, kind_of_key(k));
  }
  return out;
}

json Redactor::redact_offer(const json& offer, const std::string& path) {
  static const std::set<std::string> kKept = {"id",         "status",  "createdAt",
                                              "creator",    "posting", "approved",
                                              "approvedAt", "sentAt",  "opportunityId"};
  json out = redact_object(offer, path, kKept);
  if (!offer.is_object() || !offer.contains("fields") || !offer["fields"].is_array()) return out;
  json fields = json::array();
  for (size_t i = 0; i < offer["fields"].size(); ++i) {
    const json& f = offer["fields"][i];
    const std::string at = fmt::format("{}/fields/{}", path, i);
    if (!f.is_object()) {
      fields.push_back(apply(f, Rule::kText, at, "free text"));
      continue;
    }
    json g = f;
    const std::string identifier =
        f.value("identifier", json()).is_string() ? f["identifier"].get<std::string>() : "";
    const std::string label =
        f.value("text", json()).is_string() ? f["text"].get<std::string>() : "";
    keep(f.value("text", json()));
    if (f.contains("value")) {
      const json& v = f["value"];
      Rule rule = Rule::kText;
      if (kept_offer_field(identifier, label))
        rule = Rule::kKeep;
      else if (v.is_number())
        rule = Rule::kAmount;
      g["value"] =
          apply(v, rule, at + "/value", identifier == "candidate_name" ? "name" : "free text");
    }
    fields.push_back(std::move(g));
  }
  out["fields"] = std::move(fields);
  return out;
}

json Redactor::redact_lever(const json& lever, const std::string& path) {
  static const std::map<std::string, std::set<std::string>> kKept = {
      {"users",
       {"id", "accessRole", "createdAt", "deactivatedAt", "managerId", "linkedContactIds"}},
      {"postings",
       {"id", "text", "createdAt", "updatedAt", "state", "distributionChannels", "confidentiality",
        "user", "owner", "hiringManager", "categories", "tags", "country", "followers", "reqCode",
        "requisitionCodes", "workplaceType", "salaryRange"}},  // its min and max are amounts, below
      {"opportunities",
       {"id",           "contact",      "stage",          "confidentiality",     "archived",
        "origin",       "sourcedBy",    "owner",          "followers",           "applications",
        "stageChanges", "createdAt",    "updatedAt",      "lastInteractionAt",   "lastAdvancedAt",
        "snoozedUntil", "isAnonymized", "dataProtection", "opportunityLocation", "sources"}},
      {"applications",
       {"id", "opportunityId", "candidateId", "type", "posting", "postingOwner",
        "postingHiringManager", "user", "createdAt", "archived", "requisitionForHire"}},
      {"contacts", {"id", "isAnonymized"}},
  };
  json out = json::object();
  for (const auto& [collection, value] : lever.items()) {
    const std::string at = path + "/" + pointer_segment(collection);
    if (collection == "stages" || collection == "archive_reasons" || collection == "settings") {
      out[collection] = apply(value, Rule::kKeep, at, "");
    } else if (collection == "offers" && value.is_object()) {
      out[collection] = json::object();
      for (const auto& [opp, offers] : value.items()) {
        json list = json::array();
        for (size_t i = 0; offers.is_array() && i < offers.size(); ++i)
          list.push_back(
              redact_offer(offers[i], fmt::format("{}/{}/{}", at, pointer_segment(opp), i)));
        out[collection][opp] = std::move(list);
      }
    } else if (kKept.count(collection) && value.is_array()) {
      out[collection] = json::array();
      for (size_t i = 0; i < value.size(); ++i) {
        json obj = redact_object(value[i], fmt::format("{}/{}", at, i), kKept.at(collection));
        if (collection == "postings" && value[i].is_object() && value[i].contains("salaryRange")) {
          const json& range = value[i]["salaryRange"];
          json r = range;
          for (const char* bound : {"min", "max"}) {
            if (range.is_object() && range.contains(bound))
              r[bound] = amount(range[bound], fmt::format("{}/{}/salaryRange/{}", at, i, bound));
          }
          obj["salaryRange"] = r;
        }
        out[collection].push_back(std::move(obj));
      }
    } else {
      out[collection] = apply(value, Rule::kText, at, "free text");
    }
  }
  return out;
}

json Redactor::redact_justworks(const json& side, const std::string& path) {
  json out = json::object();
  for (const auto& [key, value] : side.items()) {
    const std::string at = path + "/" + pointer_segment(key);
    if (key == "departments" || key == "offices") {
      out[key] = apply(value, Rule::kKeep, at, "");
    } else if (key == "company" && value.is_object()) {
      json company = value;
      company.erase("id");
      out[key] = apply(company, Rule::kText, at, "company name");
      if (value.contains("id") && value["id"].is_string())
        out[key]["id"] = identifier(value["id"].get<std::string>(), at + "/id");
    } else if (key == "members" && value.is_array()) {
      out[key] = json::array();
      for (size_t i = 0; i < value.size(); ++i) {
        const std::string member = fmt::format("{}/{}", at, i);
        json m = value[i];
        const bool has_id = m.is_object() && m.contains("id") && m["id"].is_string();
        if (has_id) m.erase("id");
        m = redact_object(m, member, {"admin", "permissions", "status"});
        if (has_id) m["id"] = identifier(value[i]["id"].get<std::string>(), member + "/id");
        out[key].push_back(std::move(m));
      }
    } else {
      out[key] = apply(value, Rule::kText, at, "free text");
    }
  }
  return out;
}

json Redactor::redact_scenario(const json& doc) {
  json out = doc;
  if (doc.contains("world") && doc["world"].is_object()) {
    const json& world = doc["world"];
    json w = json::object();
    for (const auto& [key, value] : world.items()) {
      if (key == "lever" && value.is_object())
        w[key] = redact_lever(value, "/world/lever");
      else if (key == "justworks" && value.is_object())
        w[key] = redact_justworks(value, "/world/justworks");
      else
        w[key] = apply(value, Rule::kText, "/world/" + pointer_segment(key), "free text");
    }
    out["world"] = std::move(w);
  }
  for (const char* key : {"name", "description", "steps"}) {
    if (doc.contains(key)) out[key] = scrub(doc[key]);
  }
  return out;
}

std::string Redactor::scrub_text(const std::string& value) const {
  // A whole value the world holds (an admin's email in a step) becomes what it became there.
  if (auto whole = values_.find(value); whole != values_.end()) return whole->second;
  std::string out;
  split_runs(value, [&](const std::string& piece, bool run) {
    if (!run) {
      out += piece;
      return;
    }
    const std::string folded = fold(piece);
    if (auto a = amounts_.find(piece); a != amounts_.end()) {
      out += a->second;
    } else if (scrubbed_runs_.count(folded) && !kept_runs_.count(folded)) {
      // The same pseudonym the world got, in this occurrence's case.
      out += with_case_of(piece, runs_.at(folded));
    } else {
      out += piece;
    }
  });
  return out;
}

json Redactor::scrub(const json& value) const {
  if (value.is_string()) return scrub_text(value.get<std::string>());
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : value.items()) out[k] = scrub(v);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& v : value) out.push_back(scrub(v));
    return out;
  }
  return value;
}

json Redactor::report() const {
  json counts = json::object();
  for (const json& e : entries_)
    counts[e["kind"].get<std::string>()] = counts.value(e["kind"].get<std::string>(), 0) + 1;
  return json{{"about",
               "What --redact replaced, by kind and JSON path in the bundle; never the "
               "original values. Kept as they were: ids, Lever's enumerations, timestamps and "
               "dates, job titles, departments, offices, currency and interval."},
              {"counts", counts},
              {"replaced", entries_}};
}

}  // namespace sim::repro
