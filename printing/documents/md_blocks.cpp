// md4c calls back as it parses; this collects the inline text of each text-holding block
// (paragraph, heading, list item, table cell, fenced block) and emits blocks as they close.
#include "md_blocks.h"

#include <md4c.h>

#include <cstdint>
#include <cstdlib>

#include "fill.h"

namespace rg::docs {
namespace {

struct ListState {
  bool ordered = false;
  unsigned next = 1;
};

struct Collector {
  std::vector<Block> out;
  std::string markup, plain;  // inline text of the open text block
  std::vector<ListState> lists;
  std::string pending_marker;  // marker of a list item whose first text has not come yet
  int quote_depth = 0;
  bool in_table = false, in_head = false;
  Block table;
  std::vector<std::string> row;
  std::string code_lang;
  bool in_code = false;

  void emit_text_block(Block::Kind kind, int level = 0) {
    Block b;
    b.kind = kind;
    b.level = level;
    b.markup = std::move(markup);
    b.quote = quote_depth > 0;
    markup.clear();
    plain.clear();
    out.push_back(std::move(b));
  }

  // A list item's text (tight lists have no paragraph inside the item).
  void flush_item() {
    if (markup.empty() && pending_marker.empty()) return;
    if (markup.empty()) return;
    Block b;
    b.kind = Block::Kind::ListItem;
    b.level = int(lists.size());
    b.marker = std::move(pending_marker);
    b.markup = std::move(markup);
    b.quote = quote_depth > 0;
    pending_marker.clear();
    markup.clear();
    plain.clear();
    out.push_back(std::move(b));
  }

  void finish_paragraph() {
    std::string_view p = plain;
    while (!p.empty() && (p.back() == ' ' || p.back() == '\n')) p.remove_suffix(1);
    while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
    if (p == "\\pagebreak") {
      markup.clear();
      plain.clear();
      Block b;
      b.kind = Block::Kind::PageBreak;
      out.push_back(std::move(b));
      return;
    }
    if (!lists.empty()) {
      // A paragraph in a loose list item: the first carries the marker.
      Block b;
      b.kind = Block::Kind::ListItem;
      b.level = int(lists.size());
      b.marker = std::move(pending_marker);
      b.markup = std::move(markup);
      b.quote = quote_depth > 0;
      pending_marker.clear();
      markup.clear();
      plain.clear();
      out.push_back(std::move(b));
      return;
    }
    emit_text_block(Block::Kind::Paragraph);
  }

  void finish_code() {
    Block b;
    std::string text = markdown_unescape(plain);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (code_lang == "qr") {
      b.kind = Block::Kind::Qr;
    } else if (code_lang == "code128" || code_lang == "barcode") {
      b.kind = Block::Kind::Barcode;
    } else if (code_lang == "signatures" || code_lang == "подписи") {
      b.kind = Block::Kind::Signatures;
      // Lines of cells split at unescaped '|' (a value's own '|' arrives escaped).
      std::string_view raw = plain;
      std::vector<std::string> cells;
      std::string cell;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
          cell += raw[i];
          cell += raw[++i];
        } else if (raw[i] == '|' || raw[i] == '\n') {
          cells.push_back(markdown_unescape(cell));
          cell.clear();
          if (raw[i] == '\n') {
            bool blank = true;
            for (auto& c : cells) blank = blank && c.find_first_not_of(' ') == std::string::npos;
            if (!blank) b.signature_rows.push_back(std::move(cells));
            cells.clear();
          }
        } else {
          cell += raw[i];
        }
      }
      if (!cell.empty() || !cells.empty()) {
        cells.push_back(markdown_unescape(cell));
        b.signature_rows.push_back(std::move(cells));
      }
      for (auto& r : b.signature_rows)
        for (auto& c : r) {
          while (!c.empty() && c.front() == ' ') c.erase(0, 1);
          while (!c.empty() && c.back() == ' ') c.pop_back();
        }
    } else {
      b.kind = Block::Kind::Code;
    }
    b.text = std::move(text);
    markup.clear();
    plain.clear();
    out.push_back(std::move(b));
  }
};

void add_text(Collector& c, std::string_view s) {
  c.markup += markup_escape(s);
  c.plain += s;
}

// The few named entities a clinic is likely to type; the rest print as written.
std::string_view entity(std::string_view e) {
  if (e == "&nbsp;") return "\u00A0";
  if (e == "&laquo;") return "«";
  if (e == "&raquo;") return "»";
  if (e == "&mdash;") return "—";
  if (e == "&ndash;") return "–";
  if (e == "&amp;") return "&";
  if (e == "&lt;") return "<";
  if (e == "&gt;") return ">";
  if (e == "&quot;") return "\"";
  if (e == "&numero;") return "№";
  if (e == "&shy;") return "\u00AD";
  return e;
}

int enter_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_BLOCK_QUOTE: ++c.quote_depth; break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      c.flush_item();  // the parent item's text comes before its sublist
      c.lists.push_back({type == MD_BLOCK_OL, type == MD_BLOCK_OL ? static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start : 1});
      break;
    case MD_BLOCK_LI: {
      auto& l = c.lists.back();
      c.pending_marker = l.ordered ? std::to_string(l.next++) + "." : (c.lists.size() % 2 ? "•" : "–");
      c.markup.clear();
      c.plain.clear();
      break;
    }
    case MD_BLOCK_TABLE:
      c.in_table = true;
      c.table = Block{};
      c.table.kind = Block::Kind::Table;
      break;
    case MD_BLOCK_THEAD: c.in_head = true; break;
    case MD_BLOCK_TBODY: c.in_head = false; break;
    case MD_BLOCK_TR: c.row.clear(); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
      c.markup.clear();
      c.plain.clear();
      if (c.table.rows.empty() || c.in_head) {
        auto a = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
        if (c.table.rows.empty())
          c.table.aligns.push_back(a == MD_ALIGN_CENTER ? Align::Center : a == MD_ALIGN_RIGHT ? Align::Right : Align::Left);
      }
      break;
    }
    case MD_BLOCK_CODE: {
      auto* d = static_cast<MD_BLOCK_CODE_DETAIL*>(detail);
      c.code_lang.assign(d->lang.text ? d->lang.text : "", d->lang.size);
      c.in_code = true;
      c.markup.clear();
      c.plain.clear();
      break;
    }
    case MD_BLOCK_P:
    case MD_BLOCK_H:
      if (!c.lists.empty() && !c.markup.empty()) c.flush_item();
      c.markup.clear();
      c.plain.clear();
      break;
    default: break;
  }
  return 0;
}

int leave_block(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_BLOCK_QUOTE: --c.quote_depth; break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      c.flush_item();
      c.lists.pop_back();
      break;
    case MD_BLOCK_LI: c.flush_item(); break;
    case MD_BLOCK_HR: {
      Block b;
      b.kind = Block::Kind::Rule;
      c.out.push_back(std::move(b));
      break;
    }
    case MD_BLOCK_H:
      c.emit_text_block(Block::Kind::Heading, int(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level));
      break;
    case MD_BLOCK_P: c.finish_paragraph(); break;
    case MD_BLOCK_CODE:
      c.in_code = false;
      c.finish_code();
      break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      c.row.push_back(std::move(c.markup));
      c.markup.clear();
      c.plain.clear();
      break;
    case MD_BLOCK_TR:
      c.table.rows.push_back(std::move(c.row));
      if (c.in_head) c.table.header_rows = int(c.table.rows.size());
      c.row.clear();
      break;
    case MD_BLOCK_TABLE:
      c.in_table = false;
      c.in_head = false;
      c.table.quote = c.quote_depth > 0;
      c.out.push_back(std::move(c.table));
      c.table = Block{};
      break;
    default: break;
  }
  return 0;
}

int enter_span(MD_SPANTYPE type, void*, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_SPAN_EM: c.markup += "<i>"; break;
    case MD_SPAN_STRONG: c.markup += "<b>"; break;
    case MD_SPAN_CODE: c.markup += "<tt>"; break;
    case MD_SPAN_DEL: c.markup += "<s>"; break;
    case MD_SPAN_U: c.markup += "<u>"; break;
    default: break;
  }
  return 0;
}

int leave_span(MD_SPANTYPE type, void*, void* user) {
  auto& c = *static_cast<Collector*>(user);
  switch (type) {
    case MD_SPAN_EM: c.markup += "</i>"; break;
    case MD_SPAN_STRONG: c.markup += "</b>"; break;
    case MD_SPAN_CODE: c.markup += "</tt>"; break;
    case MD_SPAN_DEL: c.markup += "</s>"; break;
    case MD_SPAN_U: c.markup += "</u>"; break;
    default: break;
  }
  return 0;
}

int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto& c = *static_cast<Collector*>(user);
  std::string_view s(text, size);
  switch (type) {
    case MD_TEXT_NULLCHAR: add_text(c, "\uFFFD"); break;
    case MD_TEXT_BR:
      c.markup += '\n';
      c.plain += '\n';
      break;
    case MD_TEXT_SOFTBR:
      if (c.in_code) add_text(c, "\n");
      else add_text(c, " ");
      break;
    case MD_TEXT_ENTITY:
      if (s.size() > 3 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        unsigned long cp = std::strtoul(std::string(s.substr(hex ? 3 : 2)).c_str(), nullptr, hex ? 16 : 10);
        std::string u;
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        if (cp < 0x80) u += char(cp);
        else if (cp < 0x800) { u += char(0xC0 | (cp >> 6)); u += char(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) { u += char(0xE0 | (cp >> 12)); u += char(0x80 | ((cp >> 6) & 0x3F)); u += char(0x80 | (cp & 0x3F)); }
        else { u += char(0xF0 | (cp >> 18)); u += char(0x80 | ((cp >> 12) & 0x3F)); u += char(0x80 | ((cp >> 6) & 0x3F)); u += char(0x80 | (cp & 0x3F)); }
        add_text(c, u);
      } else {
        add_text(c, entity(s));
      }
      break;
    default: add_text(c, s); break;
  }
  return 0;
}

}  // namespace

std::string markup_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::vector<Block> markdown_blocks(std::string_view markdown) {
  Collector c;
  MD_PARSER p{};
  p.abi_version = 0;
  p.flags = MD_FLAG_TABLES | MD_FLAG_NOHTML | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOINDENTEDCODEBLOCKS;
  p.enter_block = enter_block;
  p.leave_block = leave_block;
  p.enter_span = enter_span;
  p.leave_span = leave_span;
  p.text = on_text;
  md_parse(markdown.data(), MD_SIZE(markdown.size()), &p, &c);
  return std::move(c.out);
}

}  // namespace rg::docs
