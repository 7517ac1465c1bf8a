// Receipt layout: typed items → lines of the paper's width → ESC/POS through the encoder.
#include "receipt_printer/receipt.h"

#include <algorithm>

namespace rg::drivers {

namespace it = receipt_item;
using escpos::Align;

Receipt& Receipt::add(ReceiptItem item) {
  items_.push_back(std::move(item));
  return *this;
}

// Built in place: moving a whole variant lets GCC 12 raise a false -Wmaybe-uninitialized.
template <typename T>
Receipt& Receipt::push(T item) {
  items_.emplace_back(std::in_place_type<T>, std::move(item));
  return *this;
}

Receipt& Receipt::title(std::string text) {
  return push(it::Text{std::move(text), Align::Center, true, 2, 2});
}
Receipt& Receipt::big(std::string text) {
  return push(it::Text{std::move(text), Align::Center, false, 2, 2});
}
Receipt& Receipt::centered(std::string text, bool bold) {
  return push(it::Text{std::move(text), Align::Center, bold, 1, 1});
}
Receipt& Receipt::line(std::string text, bool bold) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return push(it::Text{std::move(text), Align::Left, bold, 1, 1});
}
Receipt& Receipt::text_wrapped(std::string text) {
  return push(it::Text{std::move(text), Align::Left, false, 1, 1});
}
Receipt& Receipt::right(std::string text) {
  return push(it::Text{std::move(text), Align::Right, false, 1, 1});
}
Receipt& Receipt::pair(std::string label, std::string value, bool bold) {
  return push(it::Pair{std::move(label), std::move(value), bold});
}
Receipt& Receipt::separator(char fill) { return push(it::Separator{fill}); }
Receipt& Receipt::qr(std::string payload, int module) {
  return push(it::Qr{std::move(payload), module});
}
Receipt& Receipt::barcode(std::string data) { return push(it::Barcode{std::move(data)}); }
Receipt& Receipt::feed(int lines) { return push(it::Feed{lines}); }
Receipt& Receipt::cut(bool partial) { return push(it::Cut{partial}); }
Receipt& Receipt::open_drawer(escpos::DrawerPin pin) { return push(it::Drawer{pin}); }

std::vector<std::string> wrap_columns(const std::string& text, int columns) {
  const std::size_t width = static_cast<std::size_t>(std::max(columns, 1));
  std::vector<std::string> lines;
  std::string current;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string_view word(text.data() + i, end - i);
    i = end;
    if (!current.empty() && current.size() + 1 + word.size() <= width) {
      current += ' ';
      current += word;
      continue;
    }
    if (!current.empty()) lines.push_back(std::move(current)), current.clear();
    while (word.size() > width) {  // a word longer than the line: split it
      lines.emplace_back(word.substr(0, width));
      word.remove_prefix(width);
    }
    current = word;
  }
  if (!current.empty() || lines.empty()) lines.push_back(std::move(current));
  return lines;
}

namespace {

// Emits style changes only when they differ from what the printer already has.
class Layout {
 public:
  explicit Layout(const Profile& p) : profile_(p) { enc_.init().codepage(p.codepage_pc866); }

  void style(Align a, bool bold, int w, int h) {
    if (a != align_) enc_.align(a), align_ = a;
    if (bold != bold_) enc_.bold(bold), bold_ = bold;
    if (w != width_ || h != height_) enc_.size(w, h), width_ = w, height_ = h;
  }

  void operator()(const it::Text& t) {
    const int w = std::clamp(t.width, 1, 8), h = std::clamp(t.height, 1, 8);
    style(t.align, t.bold, w, h);
    const int columns = std::max(profile_.columns / w, 1);
    std::size_t start = 0;
    while (start <= t.text.size()) {
      std::size_t nl = t.text.find('\n', start);
      if (nl == std::string::npos) nl = t.text.size();
      for (const std::string& l : wrap_columns(escpos::encode_pc866(t.text.substr(start, nl - start)), columns))
        enc_.raw_text(l).line_feed();
      start = nl + 1;
    }
  }

  void operator()(const it::Pair& p) {
    style(Align::Left, p.bold, 1, 1);
    const std::size_t columns = static_cast<std::size_t>(profile_.columns);
    const std::string label = escpos::encode_pc866(p.label);
    const std::string value = escpos::encode_pc866(p.value);
    if (label.size() + 1 + value.size() <= columns) {
      enc_.raw_text(label + std::string(columns - label.size() - value.size(), ' ') + value).line_feed();
      return;
    }
    for (const std::string& l : wrap_columns(label, profile_.columns)) enc_.raw_text(l).line_feed();
    for (const std::string& l : wrap_columns(value, profile_.columns))
      enc_.raw_text(std::string(columns - l.size(), ' ') + l).line_feed();
  }

  void operator()(const it::Separator& s) {
    style(Align::Left, false, 1, 1);
    const bool printable = s.fill > ' ' && s.fill < 0x7F;
    enc_.raw_text(std::string(static_cast<std::size_t>(profile_.columns), printable ? s.fill : '-')).line_feed();
  }

  void operator()(const it::Qr& q) {
    if (!profile_.qr || q.payload.empty()) return;
    // A blank line above and below: 30 dots, the 4-module quiet zone scanners need (the
    // printer itself prints the symbol edge to edge).
    style(Align::Center, bold_, width_, height_);
    enc_.line_feed().qr(q.payload, q.module > 0 ? q.module : profile_.qr_module).line_feed();
  }

  void operator()(const it::Barcode& b) {
    style(Align::Center, bold_, width_, height_);
    enc_.code128(b.data);
  }

  void operator()(const it::Feed& f) { enc_.feed(static_cast<std::uint8_t>(std::clamp(f.lines, 1, 255))); }

  void operator()(const it::Cut& c) {
    if (!profile_.can_cut()) {  // a tear bar: feed the last line past it
      enc_.feed(kTearFeedLines);
      return;
    }
    const bool partial = c.partial ? profile_.cut_partial : !profile_.cut_full;
    enc_.cut(partial ? escpos::CutKind::Partial : escpos::CutKind::Full, 0);
  }

  void operator()(const it::Drawer& d) { enc_.drawer_kick(d.pin); }

  std::vector<std::uint8_t> take() { return enc_.take(); }

 private:
  static constexpr std::uint8_t kTearFeedLines = 4;
  const Profile& profile_;
  escpos::Encoder enc_;
  Align align_ = Align::Left;  // ESC @ leaves the printer left-aligned, not bold, 1×1
  bool bold_ = false;
  int width_ = 1, height_ = 1;
};

}  // namespace

std::vector<std::uint8_t> to_escpos(const Receipt& receipt, const Profile& profile) {
  Layout layout(profile);
  for (const ReceiptItem& item : receipt.items()) std::visit(layout, item);
  return layout.take();
}

}  // namespace rg::drivers
