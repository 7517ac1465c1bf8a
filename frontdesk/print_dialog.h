// «Печать»: which printer (every CUPS queue with its state, the routed one chosen), how many
// copies (the document's own by default) and whether on both sides. Enter prints.
#pragma once

#include <functional>
#include <string>

#include "ui/shell.h"

namespace rg::cups {
class PrintService;
}

namespace rg::desk {

struct PrintChoice {
  std::string queue;  // empty: follow the routing in the settings
  int copies = 1;
  bool duplex = false;
};

class PrintDialog {
 public:
  using Submit = std::function<void(const PrintChoice&)>;
  // `routed`: the queue the settings send this kind of document to ("" when none).
  void open(std::string title, std::string routed, int copies, Submit submit);
  void draw(ui::Shell& shell, cups::PrintService* printing);
  bool is_open() const { return open_; }

 private:
  std::string title_, routed_;
  PrintChoice choice_;
  Submit submit_;
  bool open_ = false, just_opened_ = false;
};

}  // namespace rg::desk
