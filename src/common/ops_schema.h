// Names shared by the server's operations stream and its clients (console, surge): frame types
// and command operations. The full schema with examples is docs/ops-protocol.md.
#pragma once
#include <string_view>

namespace sluice::ops {
inline constexpr std::string_view kStreamPath = "/v1/ops/stream";
namespace frame {
inline constexpr std::string_view Hello = "hello";
inline constexpr std::string_view Snapshot = "snapshot";
inline constexpr std::string_view Tick = "tick";
inline constexpr std::string_view Event = "event";
inline constexpr std::string_view Ack = "ack";
inline constexpr std::string_view Nack = "nack";
inline constexpr std::string_view Command = "command";
} // namespace frame
} // namespace sluice::ops
