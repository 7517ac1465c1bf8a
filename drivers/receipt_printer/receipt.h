// What screens print: a receipt or a ticket as typed lines (a title, label–value pairs, a QR…),
// laid out for a printer's paper width only when it becomes ESC/POS bytes. Screens never glue
// escape codes to strings.
//
//   Receipt r;
//   r.title("ТАЛОН №12").pair("Время", "10:30").line("Врач: Петрова А. С.").big("Каб. 101")
//    .separator().text_wrapped("Присядьте, вас пригласят.").qr(token).cut();
//   printer.print(to_escpos(r, printer.profile()));
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "receipt_printer/escpos.h"
#include "receipt_printer/profile.h"

namespace rg::drivers {

namespace receipt_item {
struct Text {
  std::string text;  // UTF-8; '\n' starts a new paragraph
  escpos::Align align = escpos::Align::Left;
  bool bold = false;
  int width = 1;  // character size multipliers, 1..8
  int height = 1;
};
struct Pair {  // label on the left, value flush right
  std::string label;
  std::string value;
  bool bold = false;
};
struct Separator {
  char fill = '-';
};
struct Qr {
  std::string payload;
  int module = 0;  // 0: the profile's
};
struct Barcode {  // Code128
  std::string data;
};
struct Feed {
  int lines = 1;
};
struct Cut {
  bool partial = false;
};
struct Drawer {
  escpos::DrawerPin pin = escpos::DrawerPin::Pin2;
};
}  // namespace receipt_item

using ReceiptItem = std::variant<receipt_item::Text, receipt_item::Pair, receipt_item::Separator,
                                 receipt_item::Qr, receipt_item::Barcode, receipt_item::Feed,
                                 receipt_item::Cut, receipt_item::Drawer>;

class Receipt {
 public:
  Receipt& title(std::string text);        // centred, bold, double width and height
  Receipt& big(std::string text);          // centred, double width and height
  Receipt& centered(std::string text, bool bold = false);
  Receipt& line(std::string text, bool bold = false);  // left; newlines become spaces
  Receipt& text_wrapped(std::string text);  // left; '\n' keeps paragraphs apart
  Receipt& right(std::string text);
  Receipt& pair(std::string label, std::string value, bool bold = false);
  Receipt& separator(char fill = '-');
  Receipt& qr(std::string payload, int module = 0);
  Receipt& barcode(std::string data);
  Receipt& feed(int lines = 1);
  Receipt& cut(bool partial = false);
  Receipt& open_drawer(escpos::DrawerPin pin = escpos::DrawerPin::Pin2);
  Receipt& add(ReceiptItem item);

  const std::vector<ReceiptItem>& items() const { return items_; }

 private:
  template <typename T>
  Receipt& push(T item);
  std::vector<ReceiptItem> items_;
};

// Word wrapping on PC866 text (one byte = one column): breaks at spaces, splits words longer
// than the line, never returns a line wider than `columns`. Empty text gives one empty line.
std::vector<std::string> wrap_columns(const std::string& pc866, int columns);

// Lays the receipt out for the profile: init, the PC866 codepage, then the items. Text wraps at
// words to the columns (halved for double width); pairs right-align the value with spaces, and
// put it on a line of its own when both do not fit; separators fill the line; a QR is centred
// between blank lines (its quiet zone; left out when the profile has no QR); a cut becomes a feed on printers without a cutter.
std::vector<std::uint8_t> to_escpos(const Receipt& receipt, const Profile& profile);

}  // namespace rg::drivers
