// ATOL transport protocol v3 ("нижний уровень v3"): the packets that carry commands to an ATOL
// fiscal registrar over its CDC bulk endpoints, and the task-buffer words inside them. Bytes
// only; atol_link.h moves them. Every value here is cited from the public descriptions named
// in the comments: DOMAIN.md's hardware section and atol4j's TransportProtocolV3, Token, Command
// and Status (github.com/kurbatov/atol4j, transport/protocol/v3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace rg::drivers::fiscal::atol {

using Bytes = std::vector<std::uint8_t>;

// Packet bytes (Token.java): STX starts a packet; ESC escapes STX and ESC inside it.
inline constexpr std::uint8_t kStx = 0xFE, kEsc = 0xFD, kEscapedStx = 0xEE, kEscapedEsc = 0xED;
// Packet ids the host uses run 0x00..0xDF (TransportProtocolV3.MAX_ID); 0xF0 marks the device's
// asynchronous packets (ASYNC_RESPONSE_ID).
inline constexpr std::uint8_t kMaxPacketId = 0xDF, kAsyncPacketId = 0xF0;
// The longest data a packet can say it holds: 7 bits + 8 bits of length (TransportProtocolV3).
inline constexpr std::size_t kMaxPacketData = 0x7FFF;

// Task-buffer commands (Command.java) and flags of Add (TransportProtocolV3: NEED_RESULT,
// IGNORE_ERR, ASYNC).
enum class BufferCommand : std::uint8_t { Add = 0xC1, Ack = 0xC2, Req = 0xC3, Abort = 0xC4, AckAdd = 0xC5 };
inline constexpr std::uint8_t kFlagNeedResult = 0x01, kFlagIgnoreError = 0x02, kFlagAsync = 0x04;

// What the device answers about a task (Status.java).
enum class TaskState : std::uint8_t {
  Pending = 0xA1, InProgress = 0xA2, Result = 0xA3, Error = 0xA4, Stopped = 0xA5,
  AsyncResult = 0xA6, AsyncError = 0xA7, Waiting = 0xA8,
  Overflow = 0xB1, AlreadyExists = 0xB2, NotFound = 0xB3, IllegalValue = 0xB4,
};

// CRC-8, polynomial 0x31 (x^8+x^5+x^4+1), initial 0xFF, MSB first, no final XOR, over the packet
// id and the unescaped data (TransportProtocolV3.wrap/unwrap; DOMAIN.md).
std::uint8_t crc8(std::span<const std::uint8_t> bytes, std::uint8_t crc = 0xFF);

// One packet: FE, length low 7 bits, length >> 7, id, data (escaped), CRC (escaped too).
Bytes encode_packet(std::uint8_t id, std::span<const std::uint8_t> data);

struct Packet {
  std::uint8_t id = 0;
  Bytes data;
  bool operator==(const Packet&) const = default;
};

// Takes the device's bytes as they come (any split) and hands out whole packets. Garbage before
// a packet is skipped; a packet whose CRC or escaping is wrong is dropped and counted, and the
// reader looks for the next STX, so one bad byte never wedges it.
class PacketReader {
 public:
  void feed(std::span<const std::uint8_t> bytes);
  std::optional<Packet> next();
  std::size_t dropped() const { return dropped_; }
  std::size_t buffered() const { return buf_.size(); }

 private:
  Bytes buf_;
  std::size_t dropped_ = 0;
};

// Task-buffer messages (the data of a packet).
Bytes add_task(std::uint8_t task_id, std::uint8_t flags, std::span<const std::uint8_t> command);
Bytes ack_task(std::uint8_t task_id);
Bytes req_task(std::uint8_t task_id);
Bytes abort_tasks();

}  // namespace rg::drivers::fiscal::atol
