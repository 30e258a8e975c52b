// See booking_readers.h. The whole of booking_service.cpp is compiled here (the static library
// member is then not linked: every symbol it defines is already defined by this file).
#include "server/booking/booking_service.cpp"

#include "fuzz/booking_readers.h"

namespace sluice::fuzz::booking_readers {
std::optional<int64_t> intField(const boost::json::object& o, const char* key) {
    return booking::intField(o, key);
}
const boost::json::string* stringField(const boost::json::object& o, const char* key) {
    return booking::stringField(o, key);
}
std::string normalisePhone(std::string_view in) {
    return booking::normalisePhone(in);
}
int birthYear(const std::string& birthDate) {
    return booking::birthYear(birthDate);
}
} // namespace sluice::fuzz::booking_readers
