// The ATOL v3 task buffer over a ByteChannel (the registrar's CDC bulk endpoints): one command
// at a time is added as a task that wants its result, the device's answer is awaited (asking
// again with Req while it says pending or in progress), and the result is acknowledged so the
// device can forget it. Timeouts everywhere; a device that stops answering is an error in words,
// never a hang. Byte values: atol_frame.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>

#include "atol_frame.h"
#include "error.h"
#include "io/byte_channel.h"

namespace rg::drivers::fiscal::atol {

struct LinkOptions {
  // How long one packet may take to be answered, and how long a task may run in all (printing
  // a receipt or a Z report takes seconds on a real device).
  std::chrono::milliseconds reply_timeout{3000};
  std::chrono::milliseconds task_timeout{30000};
  // Between two Req of a task the device said is still running.
  std::chrono::milliseconds poll_interval{100};
};

class AtolLink {
 public:
  explicit AtolLink(ByteChannel& channel, LinkOptions options = {});

  // Runs one command (its bytes as the command layer builds them: password and code first) and
  // returns the device's reply to it. Fails with a message for people when the device does not
  // answer, refuses the task, or the task ends in an error.
  Result<Bytes> execute(std::span<const std::uint8_t> command);
  // Clears the device's task buffer (after a failure, so a stale task cannot run later).
  Status abort();

  std::uint8_t last_packet_id() const { return packet_id_; }
  std::uint8_t last_task_id() const { return task_id_; }

 private:
  std::uint8_t next_packet_id();
  Status send(std::uint8_t id, std::span<const std::uint8_t> data);
  // Reads until the device's packet that answers `id`, or the async result of `task`.
  Result<Packet> await(std::uint8_t id, std::uint8_t task);
  // One exchange: send `data` in a new packet and wait for its answer.
  Result<Packet> exchange(std::span<const std::uint8_t> data, std::uint8_t task);

  ByteChannel& channel_;
  LinkOptions options_;
  PacketReader reader_;
  std::uint8_t packet_id_ = kMaxPacketId;  // the first packet is 0
  std::uint8_t task_id_ = kMaxPacketId;
};

}  // namespace rg::drivers::fiscal::atol
