// Where a document goes when no printer can take it: a file in the clinic's fallback folder.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "error.h"
#include "job_submit.h"

namespace rg::cups {

// Saves the document as "<dir>/<YYYY-MM-DD HH-MM-SS> <title>.pdf" (".bin" for raw bytes),
// adding " (2)", " (3)" … rather than overwriting; the write is atomic (db/files.h). The title
// is made safe for a file name (no slashes or control characters, at most 100 bytes).
// Returns the path; ErrorCode::Io with a sentence naming the folder when it cannot be written.
Result<std::string> save_to_folder(const std::string& dir, std::string_view title,
                                   std::string_view bytes, DocumentFormat format,
                                   std::chrono::system_clock::time_point when);

// The part of a file name made from a title (exposed for tests).
std::string file_name_from_title(std::string_view title);

}  // namespace rg::cups
