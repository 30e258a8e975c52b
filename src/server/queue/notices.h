// Notices posted by operators to the people waiting: copy-on-write so the status hot path
// reads them with one atomic load.
#pragma once
#include "common/atomic_shared_ptr.h"
#include <boost/json/array.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sluice::queue {

struct Notice {
    uint64_t id = 0;
    std::string cohort;   // "*" for all
    std::string severity; // "info" | "warning" | "critical"
    std::string textKo, textEn;
    int64_t postedAtMs = 0;
    std::string postedBy;
};

class NoticeBoard {
public:
    using List = std::vector<Notice>;
    // Returns the new notice's id.
    uint64_t post(Notice n);
    // False when no active notice has that id.
    bool retract(uint64_t id, Notice* removed = nullptr);
    std::shared_ptr<const List> all() const { return m_list.load(); }
    // Notices that apply to one cohort (its own and "*"), as a JSON array.
    boost::json::array forCohort(const std::string& cohort) const;
    // Replaces the whole list (recovery from storage).
    void restore(List list, uint64_t nextId);

private:
    std::mutex m_writeMutex;
    AtomicSharedPtr<const List> m_list{std::make_shared<const List>()};
    uint64_t m_nextId = 1;
};

boost::json::object noticeToJson(const Notice& n);

} // namespace sluice::queue
