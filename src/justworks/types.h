// Typed views of the Justworks records the sync reads (docs/justworks-api.md).
#pragma once

#include <string>
#include <vector>

namespace hiresync::justworks {

struct Member {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string email;
  bool admin = false;
  std::vector<std::string> permissions;
  std::string status;  // active | invited
};

// The names of the company's departments and offices (GET /v1/company).
struct CompanyLists {
  std::vector<std::string> departments;
  std::vector<std::string> offices;
};

// A signed-in Justworks member, as Justworks vouches for a session
// credential: who they are now (permissions as they stand at the call, not at
// sign-in) and which company they act in.
struct Session {
  Member member;
  std::string company_id;
};

// What the mapping needs to know about the company it maps into.
struct Directory {
  std::vector<std::string> departments;
  std::vector<std::string> offices;
  std::vector<Member> members;
};

// An existing pending hire, as far as duplicate detection needs it.
struct ExistingPendingHire {
  std::string id;
  std::string lever_opportunity_id;
  std::string lever_contact_id;
  std::string home_email;
  std::string status;
};

}  // namespace hiresync::justworks
