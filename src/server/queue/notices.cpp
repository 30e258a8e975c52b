// Notice board: writers serialise on a mutex and publish a fresh immutable list.
#include "server/queue/notices.h"

#include "common/timeutil.h"

#include <boost/json/object.hpp>

#include <algorithm>

namespace sluice::queue {

uint64_t NoticeBoard::post(Notice n) {
    uint64_t id;
    {
        std::lock_guard lock(m_writeMutex);
        n.id = id = m_nextId++;
        auto next = std::make_shared<List>(*m_list.load());
        next->push_back(std::move(n));
        m_list.store(std::move(next));
    }
    return id;
}

bool NoticeBoard::retract(uint64_t id, Notice* removed) {
    {
        std::lock_guard lock(m_writeMutex);
        auto next = std::make_shared<List>(*m_list.load());
        auto it =
            std::find_if(next->begin(), next->end(), [id](const Notice& n) { return n.id == id; });
        if (it == next->end()) return false;
        if (removed) *removed = *it;
        next->erase(it);
        m_list.store(std::move(next));
    }
    return true;
}

void NoticeBoard::restore(List list, uint64_t nextId) {
    {
        std::lock_guard lock(m_writeMutex);
        m_nextId = std::max(nextId, m_nextId);
        for (auto& n : list)
            m_nextId = std::max(m_nextId, n.id + 1);
        m_list.store(std::make_shared<const List>(std::move(list)));
    }
}

boost::json::object noticeToJson(const Notice& n) {
    boost::json::object o;
    o["id"] = n.id;
    o["cohort"] = n.cohort;
    o["severity"] = n.severity;
    o["text"] = {{"ko", n.textKo}, {"en", n.textEn}};
    o["posted_at"] = formatRfc3339(n.postedAtMs);
    return o;
}

boost::json::array NoticeBoard::forCohort(const std::string& cohort) const {
    boost::json::array out;
    for (const auto& n : *m_list.load())
        if (n.cohort == "*" || n.cohort == cohort) out.push_back(noticeToJson(n));
    return out;
}

} // namespace sluice::queue
