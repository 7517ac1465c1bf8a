// Placeholders filled with kainjow::mustache. Every value is escaped for Markdown, so whatever a
// patient's name holds prints as itself; a placeholder the data does not have is an error
// naming it and its line, never a blank.
#pragma once

#include <string>
#include <string_view>

#include "doc_template.h"
#include "document_data.h"

namespace rg::docs {

// The template's body with every {{name}} replaced: Markdown for md4c.
Result<std::string> fill_template(const DocTemplate& t, const db::DocNode& data);

// Backslash before every ASCII punctuation character (CommonMark escapes exactly these), line
// breaks and tabs made spaces: a value stays inline text whatever it holds.
std::string markdown_escape(std::string_view value);
// Empty lines between two table rows removed (what a section printing nothing leaves behind).
std::string join_table_rows(std::string_view markdown);
// The inverse of markdown_escape, for fenced blocks (QR, barcode, signatures) where Markdown does not unescape.
std::string markdown_unescape(std::string_view text);

}  // namespace rg::docs
