// Files the desk writes for people (exports): all or nothing, with errors in words.
#pragma once

#include <string>
#include <string_view>

#include "database.h"
#include "error.h"

namespace rg::db {

// Writes `bytes` to path + ".tmp", fsyncs it, renames it over `path` and fsyncs the folder: a
// reader sees the old file or the whole new one, never half. A missing, full or read-only
// folder comes back as ErrorCode::Io with a sentence naming the path; the temporary file is
// removed, nothing is left behind.
Status write_file_atomically(const std::string& path, std::string_view bytes);

// Creates the folder and its parents when missing (ErrorCode::Io naming it when that fails).
Status ensure_directory(const std::string& dir);

// An audited export's last step: the folder made when missing, the file written whole (as
// write_file_atomically), then `tx` — holding the export's audit row — committed. When the file
// cannot be written nothing is committed; when the commit fails the file is removed: no file
// without its audit row.
Status write_export_and_commit(Transaction& tx, const std::string& path, std::string_view bytes);

}  // namespace rg::db
