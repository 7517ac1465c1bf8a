// Markdown (md4c, with tables) turned into the blocks the layout places: headings, paragraphs,
// list items, tables, page breaks, signature rows, QR codes and barcodes. Inline text comes out
// as Pango markup with every character of the text escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rg::docs {

enum class Align { Left, Center, Right, Justify };

struct Block {
  enum class Kind { Heading, Paragraph, ListItem, Table, PageBreak, Rule, Code, Qr, Barcode, Signatures };
  Kind kind = Kind::Paragraph;
  int level = 0;          // heading level 1–6; list nesting depth from 1
  std::string markup;     // Pango markup (heading, paragraph, list item)
  std::string marker;     // list item: «•», «1.»
  bool quote = false;     // inside a block quote: set in from the left, smaller
  // Table: rows of cells (markup); the first `header_rows` are repeated on every page.
  std::vector<std::vector<std::string>> rows;
  std::vector<Align> aligns;
  int header_rows = 0;
  // Code, Qr, Barcode: the text as written, unescaped. Signatures: rows of cells.
  std::string text;
  std::vector<std::vector<std::string>> signature_rows;
};

// Never fails: Markdown has no syntax errors. `\pagebreak` alone on a line is a page break.
std::vector<Block> markdown_blocks(std::string_view markdown);

// &, <, >, " and ' escaped for Pango markup.
std::string markup_escape(std::string_view text);

}  // namespace rg::docs
