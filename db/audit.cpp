// Audit entries are written by the same core operation that makes the change, in its transaction.
#include "audit.h"

#include <cstdio>

namespace rg::db {

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out;
}

Status append_audit(Database& db, const Actor& actor, std::string_view action,
                    std::string_view entity, std::optional<std::int64_t> entity_id,
                    const AuditDetails& details) {
  std::string json = "{";
  for (size_t i = 0; i < details.size(); ++i) {
    if (i) json += ",";
    json += "\"" + json_escape(details[i].first) + "\":\"" + json_escape(details[i].second) + "\"";
  }
  json += "}";
  RG_TRY_ASSIGN(auto st, db.cached(
      "INSERT INTO audit_log(at_ms, actor, action, entity, entity_id, details, place) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  st->bind_all(now_unix_ms(), actor.id, action, entity, entity_id, json, actor.place);
  return st->exec();
}

}  // namespace rg::db
