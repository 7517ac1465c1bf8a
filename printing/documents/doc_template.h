// A clinic-editable document template: a short front matter (id, title, version, copies, paper)
// and a Markdown body with Mustache placeholders. See templates/README.md for the syntax.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "document_data.h"
#include "error.h"

namespace rg::docs {

struct DocTemplate {
  std::string id, title;
  int version = 1;
  int copies = 1;
  // «copies_when: payer.is_other 3»: this many copies when the data's flag is true.
  std::string copies_when_flag;
  int copies_when = 0;
  std::string paper = "A4";  // A4 or A5, portrait
  double font_size = 10.5;   // body text, points
  bool page_numbers = true;  // «Страница N из M» at the foot of every page
  std::string law;           // «law:» the act and form the template follows (templates/LEGAL.md)
  std::string source;        // where it was read from (a path, or a stored text's hash)
  std::string text;          // the whole file, front matter included: what is hashed and stored
  std::string body;          // the Markdown + Mustache part
  int body_line = 1;         // line of `text` where `body` starts (error lines count from the file)
  std::string sha256;        // of `text`, lower-case hex

  // Copies to print for this data.
  int copies_for(const db::DocNode& data) const;
};

// Reads the front matter and keeps the body. Errors name the source and the line.
Result<DocTemplate> parse_template(std::string text, std::string_view source);
Result<DocTemplate> load_template_file(const std::filesystem::path& path);

// Every *.md template of a folder (README.md and LEGAL.md, the notes, excepted) by id; the first
// broken one is an error.
Result<std::vector<DocTemplate>> load_templates(const std::filesystem::path& dir);

// Where the templates are: $REGISTRATURA_TEMPLATES_DIR, else the source tree's templates/.
std::filesystem::path templates_dir();

// Lower-case hex SHA-256 (libsodium).
std::string sha256_hex(std::string_view bytes);

// A template error message: «Шаблон contract, строка 12: …».
Error template_error(std::string_view source, int line, std::string_view what, std::string_view detail = {});

}  // namespace rg::docs
