// The field readers of the booking bodies (verify, reservation), which live in an anonymous
// namespace of src/server/booking/booking_service.cpp: booking_readers.cpp compiles that file
// into the fuzz target and hands them out here. If booking_service.cpp renames or moves one of
// them, change booking_readers.cpp to match (better: give them a header of their own).
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::fuzz::booking_readers {
std::optional<int64_t> intField(const boost::json::object& o, const char* key);
const boost::json::string* stringField(const boost::json::object& o, const char* key);
std::string normalisePhone(std::string_view in);
int birthYear(const std::string& birthDate);
} // namespace sluice::fuzz::booking_readers
