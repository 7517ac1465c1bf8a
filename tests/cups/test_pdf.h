// Test documents made with cairo + pango, and what arrived read back with poppler's tools.
#pragma once

#include <string>
#include <vector>

namespace rg::test {

// An A4 PDF with one page per entry, each page's text laid out by Pango (Cyrillic shaped,
// fonts embedded).
std::string make_pdf(const std::vector<std::string>& pages);
// The 3-page contract the printing tests send.
std::string contract_pdf();

std::string pdf_text(const std::string& path);  // pdftotext
int pdf_pages(const std::string& path);         // pdfinfo "Pages:", -1 when unreadable
std::string read_file(const std::string& path);
int count_of(const std::string& haystack, const std::string& needle);

}  // namespace rg::test
