#include "atol_link.h"

#include <thread>

#include "database.h"  // RG_TRY
#include "i18n.h"

namespace rg::drivers::fiscal::atol {

using Clock = std::chrono::steady_clock;

static std::unexpected<Error> link_failed(ErrorCode code, const char* what, std::string detail = {}) {
  return std::unexpected(Error{code, std::string(what), std::move(detail)});
}

AtolLink::AtolLink(ByteChannel& channel, LinkOptions options) : channel_(channel), options_(options) {}

std::uint8_t AtolLink::next_packet_id() {
  packet_id_ = packet_id_ >= kMaxPacketId ? 0 : static_cast<std::uint8_t>(packet_id_ + 1);
  return packet_id_;
}

Status AtolLink::send(std::uint8_t id, std::span<const std::uint8_t> data) {
  const Bytes packet = encode_packet(id, data);
  return channel_.write(packet, options_.reply_timeout);
}

Result<Packet> AtolLink::await(std::uint8_t id, std::uint8_t task) {
  const auto deadline = Clock::now() + options_.reply_timeout;
  std::uint8_t buf[256];
  for (;;) {
    while (auto p = reader_.next()) {
      if (p->id == id && !p->data.empty()) return *p;
      // The device's own asynchronous packet about this task counts as its answer.
      const bool async = p->id == kAsyncPacketId && p->data.size() >= 2 &&
                         (p->data[0] == static_cast<std::uint8_t>(TaskState::AsyncResult) ||
                          p->data[0] == static_cast<std::uint8_t>(TaskState::AsyncError));
      if (async && p->data[1] == task) return *p;
      // Anything else answers an earlier packet (an Ack we did not wait for): not ours.
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0)
      return link_failed(ErrorCode::Io, _("not answering — check that it is switched on and connected"),
                         "no reply to packet " + std::to_string(id));
    auto n = channel_.read(buf, left);
    if (!n) return std::unexpected(n.error());
    reader_.feed(std::span(buf, *n));
  }
}

Result<Packet> AtolLink::exchange(std::span<const std::uint8_t> data, std::uint8_t task) {
  const std::uint8_t id = next_packet_id();
  RG_TRY(send(id, data));
  return await(id, task);
}

Result<Bytes> AtolLink::execute(std::span<const std::uint8_t> command) {
  task_id_ = task_id_ >= kMaxPacketId ? 0 : static_cast<std::uint8_t>(task_id_ + 1);
  const std::uint8_t task = task_id_;
  const auto deadline = Clock::now() + options_.task_timeout;
  RG_TRY_ASSIGN(Packet reply, exchange(add_task(task, kFlagNeedResult, command), task));
  for (;;) {
    // Async packets carry the task id after the state byte (TransportProtocolV3.processMessage).
    const bool async = reply.id == kAsyncPacketId;
    const auto state = static_cast<TaskState>(reply.data[0]);
    const std::size_t body = async ? 2 : 1;
    switch (state) {
      case TaskState::Result:
      case TaskState::AsyncResult: {
        Bytes result(reply.data.begin() + static_cast<std::ptrdiff_t>(std::min(body, reply.data.size())), reply.data.end());
        // Acknowledged so the device drops it; its answer to the Ack is not waited for (the
        // reader skips it as an answer to another packet).
        const std::uint8_t id = next_packet_id();
        RG_TRY(send(id, ack_task(task)));
        return result;
      }
      case TaskState::Error:
      case TaskState::AsyncError: {
        const std::uint8_t id = next_packet_id();
        (void)send(id, ack_task(task));
        std::string code = reply.data.size() > body ? std::to_string(reply.data[body]) : "?";
        return link_failed(ErrorCode::Io, _("the command failed in the device's task buffer"), "task error " + code);
      }
      case TaskState::Pending:
      case TaskState::InProgress:
      case TaskState::Waiting: {
        if (Clock::now() > deadline)
          return link_failed(ErrorCode::Io, _("the operation takes too long — check the paper and the display"),
                             "task " + std::to_string(task) + " still running");
        std::this_thread::sleep_for(options_.poll_interval);
        RG_TRY_ASSIGN(reply, exchange(req_task(task), task));
        continue;
      }
      case TaskState::Stopped:
        (void)abort();
        return link_failed(ErrorCode::Io, _("the device stopped its tasks after an error; try again"), "task buffer stopped");
      case TaskState::Overflow:
        (void)abort();
        return link_failed(ErrorCode::Io, _("the device is busy with earlier tasks; try again"), "task buffer overflow");
      case TaskState::AlreadyExists:
      case TaskState::NotFound:
      case TaskState::IllegalValue:
        break;
    }
    return link_failed(ErrorCode::Io, _("the device did not accept the command"),
                       "task state " + std::to_string(reply.data[0]));
  }
}

Status AtolLink::abort() {
  const std::uint8_t id = next_packet_id();
  RG_TRY(send(id, abort_tasks()));
  RG_TRY_ASSIGN(auto reply, await(id, 0xFF));
  (void)reply;
  return {};
}

}  // namespace rg::drivers::fiscal::atol
