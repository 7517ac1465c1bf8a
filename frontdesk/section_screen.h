// A section of the desk that has not been built yet: says what it will hold.
#pragma once

#include "screen.h"

namespace rg::desk {

class SectionScreen : public Screen {
 public:
  // title and description are msgids (marked with N_), translated when drawn.
  SectionScreen(DeskContext& ctx, const char* id, const char* title, const char* description)
      : Screen(ctx), id_(id), title_(title), description_(description) {}
  const char* id() const override { return id_; }
  std::string title() const override;
  void draw() override;

 private:
  const char *id_, *title_, *description_;
};

}  // namespace rg::desk
