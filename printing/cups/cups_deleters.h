// Every libcups object the printing code touches, owned by a unique_ptr with its own deleter.
#pragma once

#include <cups/cups.h>

#include <memory>

namespace rg::cups {

struct HttpCloser {
  void operator()(http_t* http) const { httpClose(http); }
};
struct IppDeleter {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
struct DestInfoDeleter {
  void operator()(cups_dinfo_t* info) const { cupsFreeDestInfo(info); }
};

using HttpPtr = std::unique_ptr<http_t, HttpCloser>;
using IppPtr = std::unique_ptr<ipp_t, IppDeleter>;
using DestInfoPtr = std::unique_ptr<cups_dinfo_t, DestInfoDeleter>;

// libcups hands out arrays as (count, pointer) pairs freed with the count: keep them together.
// cupsGetNamedDest's single destination is an array of one.
class DestArray {
 public:
  DestArray() = default;
  DestArray(int count, cups_dest_t* dests) : count_(count), dests_(dests) {}
  ~DestArray() { reset(); }
  DestArray(DestArray&& o) noexcept : count_(o.count_), dests_(o.dests_) { o.release(); }
  DestArray& operator=(DestArray&& o) noexcept {
    if (this != &o) {
      reset();
      count_ = o.count_;
      dests_ = o.dests_;
      o.release();
    }
    return *this;
  }
  DestArray(const DestArray&) = delete;
  DestArray& operator=(const DestArray&) = delete;

  int count() const { return count_; }
  cups_dest_t* get() const { return dests_; }
  cups_dest_t* begin() const { return dests_; }
  cups_dest_t* end() const { return dests_ + count_; }

 private:
  void reset() {
    if (dests_) cupsFreeDests(count_, dests_);
    release();
  }
  void release() {
    count_ = 0;
    dests_ = nullptr;
  }
  int count_ = 0;
  cups_dest_t* dests_ = nullptr;
};

// Job options built with cupsAddOption, freed with cupsFreeOptions.
class OptionList {
 public:
  OptionList() = default;
  ~OptionList() { cupsFreeOptions(count_, options_); }
  OptionList(const OptionList&) = delete;
  OptionList& operator=(const OptionList&) = delete;

  void add(const char* name, const char* value) {
    count_ = cupsAddOption(name, value, count_, &options_);
  }
  void add_integer(const char* name, int value) {
    count_ = cupsAddIntegerOption(name, value, count_, &options_);
  }
  int count() const { return count_; }
  cups_option_t* get() const { return options_; }

 private:
  int count_ = 0;
  cups_option_t* options_ = nullptr;
};

}  // namespace rg::cups
