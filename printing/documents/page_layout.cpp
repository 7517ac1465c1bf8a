// Layout: each block becomes Pango layouts placed top to bottom; paragraphs split between
// lines, tables between rows (the header rows drawn again at the top of the next page).
#include "page_layout.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <zint.h>

#include <algorithm>
#include <map>
#include <cstdio>
#include <memory>
#include <numeric>

#include "database.h"
#include "i18n.h"
#include "typography.h"

namespace rg::docs {

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr const char* kSerif = "DejaVu Serif Condensed";
constexpr const char* kSans = "DejaVu Sans Condensed";
constexpr const char* kMono = "DejaVu Sans Mono";
constexpr double kCellPadX = 3, kCellPadY = 2;

using LayoutPtr = std::shared_ptr<PangoLayout>;

LayoutPtr own(PangoLayout* l) { return LayoutPtr(l, [](PangoLayout* p) { g_object_unref(p); }); }

double pu(int pango_units) { return double(pango_units) / PANGO_SCALE; }

std::string valid_utf8(const std::string& s) {
  if (g_utf8_validate(s.data(), gssize(s.size()), nullptr)) return s;
  gchar* v = g_utf8_make_valid(s.data(), gssize(s.size()));
  std::string out(v);
  g_free(v);
  return out;
}

}  // namespace

PageSetup PageSetup::for_paper(const std::string& paper, double font_size, bool page_numbers) {
  PageSetup s;
  if (paper == "A5") {
    s.width = 419.5276;
    s.height = 595.2756;
    s.left = s.right = 12 * kMm;
    s.top = 12 * kMm;
    s.bottom = 16 * kMm;
  }
  s.font_size = font_size;
  s.page_numbers = page_numbers;
  return s;
}

class Layouter {
 public:
  Layouter(PangoContext* ctx, PagedDocument& doc) : ctx_(ctx), doc_(doc), s_(doc.page_) {
    x0_ = s_.left;
    width_ = s_.width - s_.left - s_.right;
    bottom_ = s_.height - s_.bottom;
    new_page();
  }

  void run(const std::vector<Block>& blocks) {
    for (size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      double indent = b.quote ? 8 * kMm : 0;
      // What must stay on the same page as this block's end: a table's header and first row
      // after the sentence that introduces it, the signatures after the requisites.
      const double tail = keep_with(blocks, i);
      switch (b.kind) {
        case Block::Kind::Heading: heading(b, lead(blocks, i + 1)); break;
        case Block::Kind::Paragraph:
          text_block(b.markup, x0_ + indent, width_ - indent, font(kSerif, b.quote ? s_.font_size - 1 : s_.font_size),
                     Align::Justify, 0, s_.font_size * 0.35, tail);
          break;
        case Block::Kind::ListItem: list_item(b, indent, tail); break;
        case Block::Kind::Table: table(b, indent, tail); break;
        case Block::Kind::PageBreak:
          if (!page_empty()) new_page();
          break;
        case Block::Kind::Rule: rule(); break;
        case Block::Kind::Code:
          text_block(markup_escape(b.text), x0_ + indent, width_ - indent, font(kMono, s_.font_size - 1.5), Align::Left,
                     2, 4, tail);
          break;
        case Block::Kind::Qr: qr(b.text); break;
        case Block::Kind::Barcode: barcode(b.text); break;
        case Block::Kind::Signatures: signatures(b); break;
      }
    }
  }

  Status status() const { return status_; }

 private:
  using FontPtr = std::shared_ptr<PangoFontDescription>;
  FontPtr font(const char* family, double size, bool bold = false, bool italic = false) {
    PangoFontDescription* d = pango_font_description_from_string(family);
    pango_font_description_set_size(d, int(size * PANGO_SCALE));
    if (bold) pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
    if (italic) pango_font_description_set_style(d, PANGO_STYLE_ITALIC);
    return FontPtr(d, pango_font_description_free);
  }

  LayoutPtr make(const std::string& markup, double width, const FontPtr& f, Align align) {
    LayoutPtr l = own(pango_layout_new(ctx_));
    pango_layout_set_font_description(l.get(), f.get());
    if (width > 0) pango_layout_set_width(l.get(), int(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align == Align::Center  ? PANGO_ALIGN_CENTER
                                        : align == Align::Right ? PANGO_ALIGN_RIGHT
                                                                : PANGO_ALIGN_LEFT);
    pango_layout_set_justify(l.get(), align == Align::Justify);
    std::string m = valid_utf8(markup);
    GError* err = nullptr;
    PangoAttrList* attrs = nullptr;
    char* text = nullptr;
    if (pango_parse_markup(m.c_str(), -1, 0, &attrs, &text, nullptr, &err)) {
      std::string t = text;
      g_free(text);
      typeset(t, attrs, align == Align::Justify);
      pango_layout_set_text(l.get(), t.c_str(), int(t.size()));
      pango_layout_set_attributes(l.get(), attrs);
      pango_attr_list_unref(attrs);
    } else {
      // Markup is made by md_blocks with every character of the text escaped; if it still does
      // not parse, print it as plain text rather than lose it.
      if (status_) status_ = fail(ErrorCode::Internal, _("The document could not be laid out."), err ? err->message : "markup");
      if (err) g_error_free(err);
      pango_layout_set_text(l.get(), m.c_str(), -1);
    }
    return l;
  }

  // Where a line may not break, and (in justified text) soft hyphens where a word may.
  static void typeset(std::string& text, PangoAttrList* attrs, bool hyphenate) {
    Glue glue = no_break_ranges(text);
    if (hyphenate) {
      const auto points = hyphen_points(text, glue);
      constexpr std::string_view kShy = "\u00AD";
      for (auto it = points.rbegin(); it != points.rend(); ++it) {
        text.insert(*it, kShy);
        pango_attr_list_update(attrs, int(*it), 0, int(kShy.size()));
      }
      for (auto& r : glue) {
        const auto before = size_t(std::lower_bound(points.begin(), points.end(), r.first) - points.begin());
        r.first += before * kShy.size();
        r.second += before * kShy.size();
      }
    }
    for (const auto& r : glue) {
      PangoAttribute* a = pango_attr_allow_breaks_new(FALSE);
      a->start_index = guint(r.first);
      a->end_index = guint(r.second);
      pango_attr_list_insert(attrs, a);
    }
  }

  std::vector<PagedDocument::DrawOp>& ops() { return doc_.pages_.back(); }
  bool page_empty() const { return doc_.pages_.back().empty(); }

  void new_page() {
    doc_.pages_.emplace_back();
    y_ = s_.top;
  }

  // Room for `h` points more; a new page when not (unless the page is empty anyway).
  void need(double h) {
    if (y_ + h > bottom_ + 0.01 && !page_empty()) new_page();
  }
  bool fits(double y, double h) const { return y + h <= bottom_ + 0.01; }

  // How much of block i must stand together at the top of wherever it starts: a table's header
  // and first row (a small table with the signatures under it: all of it and them), the
  // signatures, a heading with what it heads.
  double lead(const std::vector<Block>& blocks, size_t i) {
    if (i >= blocks.size()) return 0;
    const Block& b = blocks[i];
    const double line = s_.font_size * 1.25;
    switch (b.kind) {
      case Block::Kind::Table: {
        const MeasuredTable& t = measured(b, b.quote ? 8 * kMm : 0);
        const double gaps = 3 + s_.font_size * 0.35;
        if (i + 1 < blocks.size() && blocks[i + 1].kind == Block::Kind::Signatures) {
          double whole = signatures_height(blocks[i + 1]);
          for (const auto& r : t.rows) whole += r.height;
          if (whole <= 0.4 * (bottom_ - s_.top)) return whole + gaps;
        }
        return t.first_unit() + gaps;
      }
      case Block::Kind::Signatures: return signatures_height(b);
      case Block::Kind::Heading: return 2 * line + lead(blocks, i + 1);
      case Block::Kind::Qr: return 28 * kMm;
      case Block::Kind::Paragraph: return 3 * line;
      case Block::Kind::ListItem: return 2 * line;
      default: return 0;
    }
  }

  // How much of what follows block i must stay on the page where block i ends.
  double keep_with(const std::vector<Block>& blocks, size_t i) {
    if (i + 1 >= blocks.size()) return 0;
    const Block& b = blocks[i];
    const Block& next = blocks[i + 1];
    const bool text = b.kind == Block::Kind::Paragraph || b.kind == Block::Kind::ListItem ||
                      b.kind == Block::Kind::Code || b.kind == Block::Kind::Table;
    if (!text) return 0;
    switch (next.kind) {
      case Block::Kind::Table: return b.kind == Block::Kind::Table ? 0 : lead(blocks, i + 1);
      case Block::Kind::Signatures: return signatures_height(next);
      case Block::Kind::ListItem: return b.kind == Block::Kind::Paragraph ? 2 * s_.font_size * 1.25 : 0;
      case Block::Kind::Qr: return 28 * kMm;
      default: return 0;
    }
  }

  // Places a layout line by line, moving to a new page between lines: never one line of a
  // paragraph alone at a page's foot or head, a paragraph of three lines or fewer never split,
  // and the last line kept on one page with `tail` points of what follows.
  struct Placed {
    size_t page = 0;  // where the first line went
    double y = 0;     // its top
  };
  Placed place_lines(const LayoutPtr& l, double x, double tail = 0) {
    struct Line {
      double left, top, height, base;  // left: where alignment put the line
    };
    std::vector<Line> lines;
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      lines.push_back({pu(logical.x), pu(logical.y), pu(logical.height), pu(pango_layout_iter_get_baseline(it))});
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    const size_t n = lines.size();
    auto advance = [&](size_t i) { return i + 1 < n ? lines[i + 1].top - lines[i].top : lines[i].height; };
    // Where the pages break: simulated first, so a break can move back a line for a widow.
    std::vector<bool> break_before(n, false);
    double y = y_;
    bool began_empty = page_empty(), empty = began_empty;
    for (size_t i = 0; i < n;) {
      const double h = advance(i);
      double with = i + 1 == n ? h + tail : h;
      if (i == 0 && n <= 3) {
        with = tail;
        for (size_t k = 0; k < n; ++k) with += advance(k);
      } else if (i == 0) {
        with = h + advance(1);  // never one line alone at the foot
      }
      if (!fits(y, with) && !empty) {
        size_t at = i;
        if (i > 0 && n <= 3) at = 0;                          // a short paragraph moves whole
        else if (i > 0 && i + 1 == n && i >= 3) at = i - 1;   // nor one line alone at the head
        if ((at == 0 && began_empty) || (at < i && break_before[at])) at = i;
        break_before[at] = true;
        if (at == 0) began_empty = true;
        i = at;
        y = s_.top;
        empty = true;
        continue;
      }
      y += h;
      empty = false;
      ++i;
    }
    double offset = lines[0].top;
    Placed first;
    for (size_t i = 0; i < n; ++i) {
      if (break_before[i]) {
        if (i > 0) y_ += lines[i].top - offset;
        if (!page_empty() || i > 0) new_page();
        offset = lines[i].top;
      }
      if (i == 0) first = {doc_.pages_.size() - 1, y_};
      double bx = x + lines[i].left, by = y_ + (lines[i].base - offset);
      int index = int(i);
      ops().push_back([l, index, bx, by](cairo_t* cr) {
        cairo_move_to(cr, bx, by);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(l.get(), index));
      });
    }
    int w = 0, h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    y_ += pu(h) - offset;
    return first;
  }

  void text_block(const std::string& markup, double x, double width, const FontPtr& f, Align align, double before,
                  double after, double tail = 0) {
    if (!page_empty()) y_ += before;
    place_lines(make(markup, width, f, align), x, tail);
    y_ += after;
  }

  void heading(const Block& b, double following) {
    if (b.level >= 5) {
      // ##### a caption under a line (centred), ###### a note in the corner (right): small print.
      text_block(b.markup, x0_, width_, font(kSerif, s_.font_size - 2.5, false, b.level == 5),
                 b.level == 5 ? Align::Center : Align::Right, 0, s_.font_size * 0.4);
      return;
    }
    double size = b.level == 1 ? s_.font_size + 2.5 : b.level == 2 ? s_.font_size + 1 : s_.font_size;
    Align a = b.level <= 2 ? Align::Center : Align::Left;
    auto l = make(b.markup, width_, font(kSerif, size, true, b.level == 4), a);
    int w = 0, h = 0;
    pango_layout_get_size(l.get(), &w, &h);
    // Keep a heading with the start of what it heads.
    double before = page_empty() ? 0 : (b.level == 1 ? 8 : 5);
    need(before + pu(h) + std::max(following, 2 * s_.font_size * 1.2));
    if (!page_empty()) y_ += before;
    place_lines(l, x0_);
    y_ += b.level == 1 ? 6 : 3;
  }

  void list_item(const Block& b, double indent, double tail) {
    double step = 6 * kMm;
    double x = x0_ + indent + step * (b.level - 1);
    auto f = font(kSerif, b.quote ? s_.font_size - 1 : s_.font_size);
    auto text = make(b.markup, width_ - indent - step * b.level, f, Align::Justify);
    const Placed at = place_lines(text, x + step, tail);
    if (!b.marker.empty()) {
      // The marker goes beside the item's first line, wherever that landed.
      auto m = make(markup_escape(b.marker), step - 1.5, f, Align::Left);
      doc_.pages_[at.page].push_back([m, x, y = at.y](cairo_t* cr) {
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, m.get());
      });
    }
    y_ += s_.font_size * 0.25;
  }

  // A line to write on by hand («___» in a template): a pen's height (8 mm) above it.
  void rule() {
    constexpr double kWriting = 8 * kMm;
    need(kWriting + 2);
    double y = y_ + kWriting, x = x0_, w = width_;
    ops().push_back([x, y, w](cairo_t* cr) {
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, x, y);
      cairo_line_to(cr, x + w, y);
      cairo_stroke(cr);
    });
    y_ += kWriting + 2;
  }

  struct TableRow {
    std::vector<LayoutPtr> cells;
    double height = 0;
    bool head = false;
  };
  struct MeasuredTable {
    std::vector<double> widths;
    std::vector<TableRow> rows;
    double x = 0;
    double head_height() const {
      double h = 0;
      for (const auto& r : rows)
        if (r.head) h += r.height;
      return h;
    }
    // The header and the first row: what may not be left at a page's foot.
    double first_unit() const {
      double h = head_height();
      for (const auto& r : rows)
        if (!r.head) return h + r.height;
      return h;
    }
  };

  // A block's table is measured once, however often keep-with-next asks about it.
  const MeasuredTable& measured(const Block& b, double indent) {
    auto it = tables_.find(&b);
    if (it == tables_.end()) it = tables_.emplace(&b, measure_table(b, indent)).first;
    return it->second;
  }

  MeasuredTable measure_table(const Block& given, double indent) {
    MeasuredTable t;
    // A header row of empty cells (`| | |`) is no header: the table is a plain grid.
    Block b = given;
    if (b.header_rows > 0) {
      bool blank = true;
      for (int r = 0; r < b.header_rows; ++r)
        for (const auto& c : b.rows[size_t(r)]) blank = blank && c.empty();
      if (blank) {
        b.rows.erase(b.rows.begin(), b.rows.begin() + b.header_rows);
        b.header_rows = 0;
      }
    }
    size_t cols = 0;
    for (const auto& r : b.rows) cols = std::max(cols, r.size());
    if (cols == 0) return t;
    const double pad_x = kCellPadX, pad_y = kCellPadY;
    const double avail = width_ - indent;
    t.x = x0_ + indent;
    auto body_font = font(kSerif, s_.font_size - 1), head_font = font(kSerif, s_.font_size - 1, true);
    // Natural widths (no wrapping) and minimum widths (the longest word), then the classic
    // automatic table: minimums first, the rest shared in proportion to what each column lacks.
    std::vector<double> nat(cols, 2 * pad_x + 4), minw(cols, 2 * pad_x + 4);
    for (size_t r = 0; r < b.rows.size(); ++r)
      for (size_t c = 0; c < b.rows[r].size(); ++c) {
        const FontPtr& f = int(r) < b.header_rows ? head_font : body_font;
        auto l = make(b.rows[r][c], -1, f, Align::Left);
        int w = 0, h = 0;
        pango_layout_get_size(l.get(), &w, &h);
        nat[c] = std::max(nat[c], pu(w) + 2 * pad_x);
        auto word = make(b.rows[r][c], 1, f, Align::Left);
        pango_layout_set_wrap(word.get(), PANGO_WRAP_WORD);
        PangoRectangle ink, logical;
        pango_layout_get_extents(word.get(), &ink, &logical);
        minw[c] = std::max(minw[c], std::min(pu(logical.width) + 2 * pad_x, avail * 0.4));
      }
    for (size_t c = 0; c < cols; ++c) nat[c] = std::max(nat[c], minw[c]);
    std::vector<double>& widths = t.widths;
    widths.assign(cols, 0);
    double sum_nat = std::accumulate(nat.begin(), nat.end(), 0.0);
    double sum_min = std::accumulate(minw.begin(), minw.end(), 0.0);
    if (sum_nat <= avail) {
      for (size_t c = 0; c < cols; ++c) widths[c] = nat[c] * avail / sum_nat;
    } else if (sum_min >= avail) {
      for (size_t c = 0; c < cols; ++c) widths[c] = minw[c] * avail / sum_min;
    } else {
      for (size_t c = 0; c < cols; ++c) widths[c] = minw[c] + (avail - sum_min) * (nat[c] - minw[c]) / (sum_nat - sum_min);
    }
    for (size_t r = 0; r < b.rows.size(); ++r) {
      TableRow row;
      row.head = int(r) < b.header_rows;
      for (size_t c = 0; c < cols; ++c) {
        std::string m = c < b.rows[r].size() ? b.rows[r][c] : std::string();
        Align a = row.head ? Align::Center : (c < b.aligns.size() ? b.aligns[c] : Align::Left);
        auto l = make(m, widths[c] - 2 * pad_x, row.head ? head_font : body_font, a);
        int w = 0, h = 0;
        pango_layout_get_size(l.get(), &w, &h);
        row.height = std::max(row.height, pu(h) + 2 * pad_y);
        row.cells.push_back(std::move(l));
      }
      t.rows.push_back(std::move(row));
    }
    return t;
  }

  // Rows split between pages with the header drawn again; the last rows (up to three) stay on
  // one page with `tail` points of what follows — the signatures under the requisites.
  void table(const Block& b, double indent, double tail) {
    const MeasuredTable& t = measured(b, indent);
    if (t.rows.empty()) return;
    const size_t cols = t.widths.size();
    auto draw_row = [&](const TableRow& row) {
      double cx = t.x, y = y_;
      for (size_t c = 0; c < cols; ++c) {
        double w = t.widths[c], h = row.height;
        LayoutPtr l = row.cells[c];
        bool head = row.head;
        ops().push_back([l, cx, y, w, h, head](cairo_t* cr) {
          if (head) {
            cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
            cairo_rectangle(cr, cx, y, w, h);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
          }
          cairo_set_line_width(cr, 0.5);
          cairo_rectangle(cr, cx, y, w, h);
          cairo_stroke(cr);
          cairo_move_to(cr, cx + kCellPadX, y + kCellPadY);
          pango_cairo_show_layout(cr, l.get());
        });
        cx += w;
      }
      y_ += row.height;
    };
    const double head_height = t.head_height();
    if (!page_empty()) y_ += 3;
    need(t.first_unit());
    const size_t n = t.rows.size();
    size_t body = 0;
    for (const auto& r : t.rows) body += r.head ? 0 : 1;
    // The rows that go with the tail: the last three, or the whole table when it is small (the
    // requisites above the signatures move as one).
    double whole = tail;
    for (const auto& r : t.rows) whole += r.height;
    size_t keep_from = n - std::min<size_t>(3, body);
    if (whole <= 0.4 * (bottom_ - s_.top)) keep_from = n - body;
    double rest = tail + s_.font_size * 0.6;  // and the gap after the table
    for (size_t r = keep_from; r < n; ++r) rest += t.rows[r].height;
    const bool whole_with_tail = tail > 0 && keep_from == n - body;
    if (whole_with_tail) need(head_height + rest);
    for (size_t r = 0; r < n; ++r) {
      const bool rows_on_page = y_ > s_.top + head_height + 0.01;
      const bool overflow = !t.rows[r].head && !fits(y_, t.rows[r].height);
      const bool keep = tail > 0 && !whole_with_tail && r == keep_from && !fits(y_, rest);
      if ((overflow || keep) && rows_on_page) {
        new_page();
        for (const auto& h : t.rows)
          if (h.head) draw_row(h);
      }
      draw_row(t.rows[r]);
    }
    y_ += s_.font_size * 0.6;
  }

  void qr(const std::string& payload) {
    if (payload.empty()) return;
    QRcode* code = QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) {
      status_ = fail(ErrorCode::Invalid, _("The QR code cannot hold this text."), payload.substr(0, 64));
      return;
    }
    int n = code->width;
    std::vector<bool> dark(size_t(n * n));
    for (int i = 0; i < n * n; ++i) dark[size_t(i)] = code->data[i] & 1;
    QRcode_free(code);
    double size = 28 * kMm, module = size / (n + 8);  // quiet zone of 4 modules each side
    need(size);
    double x = x0_, y = y_;
    ops().push_back([dark, n, module, x, y](cairo_t* cr) {
      cairo_set_source_rgb(cr, 0, 0, 0);
      for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
          if (dark[size_t(r * n + c)]) cairo_rectangle(cr, x + (c + 4) * module, y + (r + 4) * module, module, module);
      cairo_fill(cr);
    });
    y_ += size + 2;
  }

  void barcode(const std::string& payload) {
    if (payload.empty()) return;
    zint_symbol* sym = ZBarcode_Create();
    sym->symbology = BARCODE_CODE128;
    sym->show_hrt = 0;
    sym->height = 40;
    int rc = ZBarcode_Encode_and_Buffer_Vector(sym, reinterpret_cast<const unsigned char*>(payload.data()),
                                               int(payload.size()), 0);
    if (rc >= ZINT_ERROR || !sym->vector) {
      status_ = fail(ErrorCode::Invalid, _("The barcode cannot hold this text."), sym->errtxt);
      ZBarcode_Delete(sym);
      return;
    }
    struct Bar {
      double x, w;
    };
    std::vector<Bar> bars;
    double sym_w = sym->vector->width;
    for (auto* r = sym->vector->rectangles; r; r = r->next) bars.push_back({r->x, r->width});
    ZBarcode_Delete(sym);
    double module = 0.33 * kMm, h = 12 * kMm;
    double total = sym_w * module;
    auto text = make(markup_escape(payload), -1, font(kMono, 8), Align::Left);
    int tw = 0, th = 0;
    pango_layout_get_size(text.get(), &tw, &th);
    need(h + pu(th) + 2);
    double x = x0_, y = y_;
    double tx = x + (total - pu(tw)) / 2;
    ops().push_back([bars, module, h, x, y, text, tx](cairo_t* cr) {
      cairo_set_source_rgb(cr, 0, 0, 0);
      for (const auto& b : bars) cairo_rectangle(cr, x + b.x * module, y, b.w * module, h);
      cairo_fill(cr);
      cairo_move_to(cr, tx, y + h + 1);
      pango_cairo_show_layout(cr, text.get());
    });
    y_ += h + pu(th) + 4;
  }

  // Each cell: a line to sign on, then «/ name /», and «(подпись)» under the line. The rows of
  // one block stay on one page.
  struct SignatureRow {
    std::vector<LayoutPtr> names;
    double column = 0, line = 0, height = 0;
  };
  SignatureRow measure_signature_row(const std::vector<std::string>& row) {
    SignatureRow r;
    r.column = width_ / double(row.size());
    r.line = std::min(30 * kMm, r.column * 0.4);
    auto f = font(kSerif, s_.font_size);
    double text_h = 0;
    for (const auto& cell : row) {
      auto l = make(cell.empty() ? std::string() : "/ " + markup_escape(cell) + " /", r.column - r.line - 6, f, Align::Left);
      int w = 0, h = 0;
      pango_layout_get_size(l.get(), &w, &h);
      text_h = std::max(text_h, pu(h));
      r.names.push_back(std::move(l));
    }
    r.height = 14 + text_h + 4;
    return r;
  }
  double signatures_height(const Block& b) {
    auto it = signature_heights_.find(&b);
    if (it != signature_heights_.end()) return it->second;
    double h = 0;
    for (const auto& row : b.signature_rows)
      if (!row.empty()) h += measure_signature_row(row).height + 6;
    signature_heights_[&b] = h;
    return h;
  }

  void signatures(const Block& b) {
    auto caption_font = font(kSans, 6.5);
    need(signatures_height(b));
    for (const auto& row : b.signature_rows) {
      if (row.empty()) continue;
      const SignatureRow m = measure_signature_row(row);
      double y = y_ + 14;  // signing space above the line
      auto caption = make("(подпись)", m.line, caption_font, Align::Center);
      for (size_t c = 0; c < row.size(); ++c) {
        double x = x0_ + m.column * double(c), line_w = m.line;
        LayoutPtr name = m.names[c];
        ops().push_back([x, y, line_w, name, caption](cairo_t* cr) {
          cairo_set_source_rgb(cr, 0, 0, 0);
          cairo_set_line_width(cr, 0.5);
          cairo_move_to(cr, x, y);
          cairo_line_to(cr, x + line_w, y);
          cairo_stroke(cr);
          cairo_move_to(cr, x, y + 0.5);
          pango_cairo_show_layout(cr, caption.get());
          // The name's first baseline sits on the signing line.
          cairo_move_to(cr, x + line_w + 4, y - double(pango_layout_get_baseline(name.get())) / PANGO_SCALE);
          pango_cairo_show_layout(cr, name.get());
        });
      }
      y_ += m.height + 6;
    }
  }

  PangoContext* ctx_;
  std::map<const Block*, MeasuredTable> tables_;
  std::map<const Block*, double> signature_heights_;
  PagedDocument& doc_;
  const PageSetup& s_;
  double x0_ = 0, width_ = 0, bottom_ = 0, y_ = 0;
  Status status_;

 public:
  // «Страница N из M» under every page, once the page count is known.
  void footers() {
    int total = int(doc_.pages_.size());
    if (!s_.page_numbers) return;
    auto f = font(kSans, 8);
    for (int i = 0; i < total; ++i) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "Страница %d из %d", i + 1, total);
      auto l = make(buf, width_, f, Align::Right);
      double x = x0_, y = s_.height - s_.bottom + 14;
      doc_.footers_.push_back([l, x, y](cairo_t* cr) {
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, l.get());
        cairo_set_source_rgb(cr, 0, 0, 0);
      });
    }
  }
};

Result<PagedDocument> PagedDocument::lay_out(PangoContext* ctx, const std::vector<Block>& blocks, const PageSetup& page) {
  PagedDocument doc;
  doc.page_ = page;
  {
    Layouter l(ctx, doc);
    l.run(blocks);
    RG_TRY(l.status());
    // A trailing empty page (a page break at the very end) is dropped.
    if (doc.pages_.size() > 1 && doc.pages_.back().empty()) doc.pages_.pop_back();
    l.footers();
  }
  return doc;
}

void PagedDocument::draw_page(cairo_t* cr, int index) const {
  if (index < 0 || index >= page_count()) return;
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const auto& op : pages_[size_t(index)]) op(cr);
  if (size_t(index) < footers_.size()) footers_[size_t(index)](cr);
  cairo_restore(cr);
}

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> pdf_bytes(const PagedDocument& doc, const PdfInfo& info) {
  std::string out;
  const PageSetup& s = doc.setup();
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append_bytes, &out, s.width, s.height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
  if (!info.author.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
  if (!info.subject.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Registratura");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, info.created.c_str());
  cairo_t* cr = cairo_create(surface);
  for (int i = 0; i < doc.page_count(); ++i) {
    doc.draw_page(cr, i);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return fail(ErrorCode::Internal, _("The PDF could not be written."), cairo_status_to_string(st));
  return out;
}

namespace {

cairo_surface_t* render_page(const PagedDocument& doc, int index, double dpi) {
  const PageSetup& s = doc.setup();
  double scale = dpi / 72.0;
  int w = int(s.width * scale + 0.5), h = int(s.height * scale + 0.5);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  doc.draw_page(cr, index);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return surface;
}

}  // namespace

Result<std::vector<std::string>> png_pages(const PagedDocument& doc, double dpi) {
  std::vector<std::string> out;
  for (int i = 0; i < doc.page_count(); ++i) {
    cairo_surface_t* surface = render_page(doc, i, dpi);
    std::string png;
    cairo_status_t st = cairo_surface_write_to_png_stream(surface, append_bytes, &png);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) return fail(ErrorCode::Internal, _("The page preview could not be made."), cairo_status_to_string(st));
    out.push_back(std::move(png));
  }
  return out;
}

Result<PageImage> page_image(const PagedDocument& doc, int index, double dpi) {
  if (index < 0 || index >= doc.page_count()) return fail(ErrorCode::NotFound, _("The document has no such page."), std::to_string(index));
  cairo_surface_t* surface = render_page(doc, index, dpi);
  PageImage img;
  img.width = cairo_image_surface_get_width(surface);
  img.height = cairo_image_surface_get_height(surface);
  int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  img.rgba.resize(size_t(img.width) * size_t(img.height) * 4);
  for (int y = 0; y < img.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
    for (int x = 0; x < img.width; ++x) {
      std::uint32_t p = row[x];  // opaque white background: premultiplied = straight
      unsigned char* o = &img.rgba[(size_t(y) * size_t(img.width) + size_t(x)) * 4];
      o[0] = static_cast<unsigned char>((p >> 16) & 0xFF);
      o[1] = static_cast<unsigned char>((p >> 8) & 0xFF);
      o[2] = static_cast<unsigned char>(p & 0xFF);
      o[3] = static_cast<unsigned char>(p >> 24);
    }
  }
  cairo_surface_destroy(surface);
  return img;
}

}  // namespace rg::docs
