#include "atol_frame.h"

#include <algorithm>

namespace rg::drivers::fiscal::atol {

std::uint8_t crc8(std::span<const std::uint8_t> bytes, std::uint8_t crc) {
  for (std::uint8_t b : bytes) {
    crc = static_cast<std::uint8_t>(crc ^ b);
    for (int k = 0; k < 8; ++k)
      crc = static_cast<std::uint8_t>((crc & 0x80) ? (crc << 1) ^ 0x31 : crc << 1);
  }
  return crc;
}

static void put_escaped(Bytes& out, std::uint8_t b) {
  if (b == kStx) {
    out.push_back(kEsc);
    out.push_back(kEscapedStx);
  } else if (b == kEsc) {
    out.push_back(kEsc);
    out.push_back(kEscapedEsc);
  } else {
    out.push_back(b);
  }
}

Bytes encode_packet(std::uint8_t id, std::span<const std::uint8_t> data) {
  const std::size_t len = std::min(data.size(), kMaxPacketData);
  Bytes out;
  out.reserve(len + 8);
  out.push_back(kStx);
  out.push_back(static_cast<std::uint8_t>(len & 0x7F));
  out.push_back(static_cast<std::uint8_t>(len >> 7));
  out.push_back(id);  // ids stay below 0xFD: never escaped
  std::uint8_t crc = crc8(std::span(&id, 1));
  crc = crc8(data.first(len), crc);
  for (std::size_t i = 0; i < len; ++i) put_escaped(out, data[i]);
  put_escaped(out, crc);
  return out;
}

void PacketReader::feed(std::span<const std::uint8_t> bytes) { buf_.insert(buf_.end(), bytes.begin(), bytes.end()); }

std::optional<Packet> PacketReader::next() {
  for (;;) {
    auto stx = std::find(buf_.begin(), buf_.end(), kStx);
    buf_.erase(buf_.begin(), stx);  // bytes before a packet belong to none
    if (buf_.size() < 4) return std::nullopt;
    const std::size_t len = static_cast<std::size_t>(buf_[1] & 0x7F) | (static_cast<std::size_t>(buf_[2]) << 7);
    Packet p;
    p.id = buf_[3];
    // Unescape data and CRC; a new STX inside means this packet was cut short.
    std::size_t i = 4;
    bool broken = buf_[1] == kStx || buf_[2] == kStx || buf_[3] == kStx || buf_[1] > 0x7F;
    std::optional<std::uint8_t> crc;
    p.data.reserve(std::min(len, std::size_t{4096}));
    while (!broken && !crc && i < buf_.size()) {
      std::uint8_t b = buf_[i++];
      if (b == kStx) {
        broken = true;
        --i;
        break;
      }
      if (b == kEsc) {
        if (i >= buf_.size()) return std::nullopt;  // wait for the escaped byte
        const std::uint8_t e = buf_[i++];
        if (e == kEscapedStx) b = kStx;
        else if (e == kEscapedEsc) b = kEsc;
        else {
          broken = true;
          break;
        }
      }
      if (p.data.size() < len) p.data.push_back(b);
      else crc = b;
    }
    if (!broken && !crc) return std::nullopt;  // incomplete: wait for more bytes
    if (!broken) {
      std::uint8_t want = crc8(std::span(&p.id, 1));
      want = crc8(p.data, want);
      broken = want != *crc;
    }
    if (broken) {
      // Drop this STX and look for the next one.
      ++dropped_;
      buf_.erase(buf_.begin());
      continue;
    }
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(i));
    return p;
  }
}

Bytes add_task(std::uint8_t task_id, std::uint8_t flags, std::span<const std::uint8_t> command) {
  Bytes out{static_cast<std::uint8_t>(BufferCommand::Add), flags, task_id};
  out.insert(out.end(), command.begin(), command.end());
  return out;
}
Bytes ack_task(std::uint8_t task_id) { return {static_cast<std::uint8_t>(BufferCommand::Ack), task_id}; }
Bytes req_task(std::uint8_t task_id) { return {static_cast<std::uint8_t>(BufferCommand::Req), task_id}; }
Bytes abort_tasks() { return {static_cast<std::uint8_t>(BufferCommand::Abort)}; }

}  // namespace rg::drivers::fiscal::atol
