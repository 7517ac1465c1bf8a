// usbmon pcap writing and the URB script reader (see usbmon_pcap.h for both formats).
#include "usbmon_pcap.h"

#include <cctype>
#include <charconv>
#include <cstring>
#include <fstream>

namespace rg::test {
namespace {

constexpr std::int32_t kEinprogress = -115;  // an 'S' packet's status, as usbmon writes it

void put16(std::vector<std::uint8_t>& o, std::uint16_t v) {
  o.push_back(static_cast<std::uint8_t>(v));
  o.push_back(static_cast<std::uint8_t>(v >> 8));
}
void put32(std::vector<std::uint8_t>& o, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) o.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put64(std::vector<std::uint8_t>& o, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) o.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

struct Packet {
  std::uint64_t id;
  char type;  // 'S' or 'C'
  const Urb* urb;
};

// One record: pcap record header, the 64-byte usbmon header, the data.
void put_packet(std::vector<std::uint8_t>& o, const Packet& p, int bus, int device, std::uint32_t ms) {
  const Urb& u = *p.urb;
  const bool in = (u.endpoint & 0x80) != 0;
  const bool submit = p.type == 'S';
  const bool has_setup = submit && u.kind == UrbKind::Control && u.setup;
  // Data travels with the 'S' packet going out and with the 'C' packet coming in.
  const std::vector<std::uint8_t> none;
  const std::vector<std::uint8_t>& data = submit ? (in ? none : u.out) : (in ? u.in : none);
  std::uint32_t urb_len = 0;
  if (submit)
    urb_len = in ? u.in_length : static_cast<std::uint32_t>(u.out.size());
  else
    urb_len = in ? static_cast<std::uint32_t>(u.in.size()) : static_cast<std::uint32_t>(u.out.size());

  const std::uint32_t caplen = 64 + static_cast<std::uint32_t>(data.size());
  put32(o, ms / 1000);
  put32(o, (ms % 1000) * 1000);
  put32(o, caplen);
  put32(o, caplen);

  put64(o, p.id);
  o.push_back(static_cast<std::uint8_t>(p.type));
  o.push_back(static_cast<std::uint8_t>(u.kind));
  o.push_back(u.endpoint);
  o.push_back(static_cast<std::uint8_t>(device));
  put16(o, static_cast<std::uint16_t>(bus));
  o.push_back(has_setup ? 0 : '-');                      // flag_setup: 0 = setup present
  o.push_back(data.empty() ? (in ? '<' : '>') : 0);      // flag_data: 0 = data present
  put64(o, ms / 1000);                                    // ts_sec
  put32(o, (ms % 1000) * 1000);                           // ts_usec
  put32(o, static_cast<std::uint32_t>(submit ? kEinprogress : u.status));
  put32(o, urb_len);                                      // length
  put32(o, static_cast<std::uint32_t>(data.size()));     // len_cap
  if (has_setup)
    o.insert(o.end(), u.setup->begin(), u.setup->end());
  else
    o.insert(o.end(), 8, 0);
  put32(o, u.kind == UrbKind::Interrupt ? 1 : 0);        // interval
  put32(o, 0);                                            // start_frame
  put32(o, 0);                                            // xfer_flags
  put32(o, 0);                                            // ndesc
  o.insert(o.end(), data.begin(), data.end());
}

std::array<std::uint8_t, 8> make_setup(std::uint8_t type, std::uint8_t req, std::uint16_t value,
                                       std::uint16_t index, std::uint16_t length) {
  return {type, req, static_cast<std::uint8_t>(value), static_cast<std::uint8_t>(value >> 8),
          static_cast<std::uint8_t>(index), static_cast<std::uint8_t>(index >> 8),
          static_cast<std::uint8_t>(length), static_cast<std::uint8_t>(length >> 8)};
}

Urb make_out(UrbKind kind, std::uint8_t endpoint, std::vector<std::uint8_t> bytes) {
  Urb u;
  u.kind = kind;
  u.endpoint = static_cast<std::uint8_t>(endpoint & 0x7F);
  u.out = std::move(bytes);
  return u;
}

Urb make_in(UrbKind kind, std::uint8_t endpoint, std::uint32_t length, std::vector<std::uint8_t> reply) {
  Urb u;
  u.kind = kind;
  u.endpoint = static_cast<std::uint8_t>(endpoint | 0x80);
  u.in_length = length;
  u.in = std::move(reply);
  return u;
}

}  // namespace

UsbmonScript& UsbmonScript::add(Urb urb) {
  urbs_.push_back(std::move(urb));
  return *this;
}

UsbmonScript& UsbmonScript::control_in(std::uint8_t request_type, std::uint8_t request,
                                       std::uint16_t value, std::uint16_t index,
                                       std::uint16_t length, std::vector<std::uint8_t> reply) {
  Urb u;
  u.kind = UrbKind::Control;
  u.endpoint = 0x80;
  u.setup = make_setup(request_type, request, value, index, length);
  u.in_length = length;
  u.in = std::move(reply);
  return add(std::move(u));
}

UsbmonScript& UsbmonScript::control_out(std::uint8_t request_type, std::uint8_t request,
                                        std::uint16_t value, std::uint16_t index,
                                        std::vector<std::uint8_t> payload) {
  Urb u;
  u.kind = UrbKind::Control;
  u.endpoint = 0x00;
  u.setup = make_setup(request_type, request, value, index, static_cast<std::uint16_t>(payload.size()));
  u.out = std::move(payload);
  return add(std::move(u));
}

UsbmonScript& UsbmonScript::bulk_out(std::uint8_t endpoint, std::vector<std::uint8_t> bytes) {
  return add(make_out(UrbKind::Bulk, endpoint, std::move(bytes)));
}

UsbmonScript& UsbmonScript::bulk_in(std::uint8_t endpoint, std::uint32_t length,
                                    std::vector<std::uint8_t> reply) {
  return add(make_in(UrbKind::Bulk, endpoint, length, std::move(reply)));
}

UsbmonScript& UsbmonScript::interrupt_in(std::uint8_t endpoint, std::uint32_t length,
                                         std::vector<std::uint8_t> reply) {
  return add(make_in(UrbKind::Interrupt, endpoint, length, std::move(reply)));
}

UsbmonScript& UsbmonScript::timeout() {
  if (!urbs_.empty()) urbs_.back().completes = false, urbs_.back().in.clear();
  return *this;
}

UsbmonScript& UsbmonScript::status(std::int32_t negative_errno) {
  if (!urbs_.empty()) urbs_.back().status = negative_errno, urbs_.back().in.clear();
  return *this;
}

std::vector<std::uint8_t> UsbmonScript::pcap() const {
  std::vector<std::uint8_t> o;
  put32(o, 0xa1b2c3d4);  // classic pcap, microsecond timestamps
  put16(o, 2);
  put16(o, 4);
  put32(o, 0);        // thiszone
  put32(o, 0);        // sigfigs
  put32(o, 262144);   // snaplen
  put32(o, 220);      // LINKTYPE_USB_LINUX_MMAPPED
  std::uint32_t ms = 1000;
  std::uint64_t id = 0xffff8880'00000000ull;
  for (const Urb& u : urbs_) {
    id += 0x100;
    put_packet(o, {id, 'S', &u}, bus_, device_, ms++);
    if (u.completes) put_packet(o, {id, 'C', &u}, bus_, device_, ms++);
  }
  return o;
}

bool UsbmonScript::write(const std::filesystem::path& file) const {
  const auto bytes = pcap();
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(f.flush());
}

std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  int high = -1;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == ',') continue;
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return std::nullopt;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  if (high >= 0) return std::nullopt;
  return out;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> w;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) w.push_back(s.substr(i, j - i));
    i = j;
  }
  return w;
}

template <typename T>
std::optional<T> number(std::string_view s, int base) {
  T v{};
  bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return negative ? static_cast<T>(-v) : v;
}

}  // namespace

std::optional<UsbmonScript> parse_usbmon_script(std::string_view text, ScriptError* error) {
  std::optional<UsbmonScript> script;
  int line_no = 0;
  auto bad = [&](const std::string& why) -> std::optional<UsbmonScript> {
    if (error) *error = {line_no, why};
    return std::nullopt;
  };
  while (!text.empty()) {
    ++line_no;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;

    // Split "head -> reply" or "head : payload".
    std::string_view head = line, tail;
    char sep = 0;
    const std::size_t arrow = line.find("->"), colon = line.find(':');
    if (colon != std::string_view::npos && (arrow == std::string_view::npos || colon < arrow)) {
      head = trim(line.substr(0, colon)), tail = trim(line.substr(colon + 1)), sep = ':';
    } else if (arrow != std::string_view::npos) {
      head = trim(line.substr(0, arrow)), tail = trim(line.substr(arrow + 2)), sep = '>';
    }
    // An optional completion note after the payload of an OUT: "bulk_out 01 : 10 04 -> gone"
    const auto w = words(head);
    if (w.empty()) return bad("empty line");
    const std::string_view kind = w[0];

    if (kind == "device") {
      if (w.size() != 3) return bad("device needs a bus and a device number");
      auto bus = number<int>(w[1], 10), dev = number<int>(w[2], 10);
      if (!bus || !dev) return bad("device numbers must be decimal");
      script.emplace(*bus, *dev);
      continue;
    }
    if (!script) return bad("the first line must be 'device BUS DEV'");

    // Completion: "timeout", "stall", "gone", "status -N" instead of (or after) the reply.
    auto completion = [&](std::string_view t, bool& handled) -> bool {
      handled = true;
      const auto tw = words(t);
      if (tw.size() == 1 && tw[0] == "timeout") return script->timeout(), true;
      if (tw.size() == 1 && tw[0] == "stall") return script->status(-32), true;
      if (tw.size() == 1 && tw[0] == "gone") return script->status(-19), true;
      if (tw.size() == 2 && tw[0] == "status") {
        auto v = number<std::int32_t>(tw[1], 10);
        if (!v) return false;
        script->status(*v);
        return true;
      }
      handled = false;
      return true;
    };

    if (kind == "control_in" || kind == "control_out") {
      if (w.size() != 6) return bad("control needs: bmRequestType bRequest wValue wIndex wLength");
      auto rt = number<std::uint8_t>(w[1], 16), rq = number<std::uint8_t>(w[2], 16);
      auto val = number<std::uint16_t>(w[3], 16), idx = number<std::uint16_t>(w[4], 16);
      auto len = number<std::uint16_t>(w[5], 16);
      if (!rt || !rq || !val || !idx || !len) return bad("control setup fields are hex numbers");
      if (kind == "control_in") {
        if (sep != '>') return bad("control_in needs '-> reply'");
        bool handled = false;
        script->control_in(*rt, *rq, *val, *idx, *len, {});
        if (!completion(tail, handled)) return bad("bad status");
        if (!handled) {
          auto data = parse_hex(tail);
          if (!data) return bad("reply is not hex");
          if (data->size() > *len) return bad("reply longer than wLength");
          script->last().in = std::move(*data);
        }
      } else {
        std::string_view payload = tail, after;
        if (auto a = tail.find("->"); a != std::string_view::npos)
          payload = trim(tail.substr(0, a)), after = trim(tail.substr(a + 2));
        auto data = parse_hex(payload);
        if (!data) return bad("payload is not hex");
        if (data->size() != *len) return bad("payload length differs from wLength");
        script->control_out(*rt, *rq, *val, *idx, *data);
        bool handled = false;
        if (!after.empty() && (!completion(after, handled) || !handled)) return bad("bad completion");
      }
      continue;
    }

    const bool is_bulk = kind.starts_with("bulk_"), is_int = kind.starts_with("interrupt_");
    if (!is_bulk && !is_int) return bad("unknown URB kind '" + std::string(kind) + "'");
    const bool in = kind.ends_with("_in");
    if (!in && !kind.ends_with("_out")) return bad("unknown URB kind '" + std::string(kind) + "'");
    if (w.size() < 2) return bad("missing endpoint");
    auto ep = number<std::uint8_t>(w[1], 16);
    if (!ep) return bad("endpoint is a hex number");
    if (in) {
      if (w.size() != 3 || sep != '>') return bad("IN needs: endpoint length -> reply");
      auto len = number<std::uint32_t>(w[2], 10);
      if (!len) return bad("length is decimal");
      script->add(make_in(is_bulk ? UrbKind::Bulk : UrbKind::Interrupt, *ep, *len, {}));
      bool handled = false;
      if (!completion(tail, handled)) return bad("bad status");
      if (!handled) {
        auto data = parse_hex(tail);
        if (!data) return bad("reply is not hex");
        if (data->size() > *len) return bad("reply longer than the buffer");
        script->last().in = std::move(*data);
      }
    } else {
      if (w.size() != 2 || sep != ':') return bad("OUT needs: endpoint : bytes");
      std::string_view payload = tail, after;
      if (auto a = tail.find("->"); a != std::string_view::npos)
        payload = trim(tail.substr(0, a)), after = trim(tail.substr(a + 2));
      auto data = parse_hex(payload);
      if (!data) return bad("payload is not hex");
      script->add(make_out(is_bulk ? UrbKind::Bulk : UrbKind::Interrupt, *ep, std::move(*data)));
      bool handled = false;
      if (!after.empty() && (!completion(after, handled) || !handled)) return bad("bad completion");
    }
  }
  if (!script) return bad("empty script");
  return script;
}

}  // namespace rg::test
