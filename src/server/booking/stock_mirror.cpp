// In-memory stock mirror (see stock_mirror.h).
#include "server/booking/stock_mirror.h"

#include <algorithm>
#include <set>

namespace sluice::booking {

void StockMirror::build(std::vector<ClinicRow> clinics, const std::vector<StockRow>& stock) {
    m_clinics = std::move(clinics);
    m_clinicIndex.clear();
    for (std::size_t i = 0; i < m_clinics.size(); ++i)
        m_clinicIndex.emplace(m_clinics[i].id, static_cast<int>(i));
    std::set<std::string> dates;
    for (const auto& s : stock)
        dates.insert(s.date);
    m_dates.assign(dates.begin(), dates.end());
    m_dateIndex.clear();
    for (std::size_t i = 0; i < m_dates.size(); ++i)
        m_dateIndex.emplace(m_dates[i], static_cast<int>(i));
    const std::size_t n = m_clinics.size() * m_dates.size();
    m_slots = std::make_unique<std::atomic<int64_t>[]>(n);
    for (std::size_t i = 0; i < n; ++i)
        m_slots[i].store(kNoStock);
    m_per = std::make_unique<PerClinic[]>(m_clinics.size());
    for (std::size_t c = 0; c < m_clinics.size(); ++c)
        for (int b = 0; b < 60; ++b) {
            m_per[c].bucketSecond[b].store(-1);
            m_per[c].bucketCount[b].store(0);
        }
    int64_t total = 0;
    for (const auto& s : stock) {
        const int c = clinicIndex(s.clinicId), d = dateIndex(s.date);
        if (c < 0 || d < 0) continue;
        m_slots[std::size_t(c) * m_dates.size() + d].store(s.doses);
        m_per[c].window.fetch_add(s.doses);
        total += s.doses;
    }
    m_total.store(total);
    m_version.store(1);
    for (std::size_t c = 0; c < m_clinics.size(); ++c)
        m_per[c].version.store(1);
}

int StockMirror::clinicIndex(std::string_view id) const {
    auto it = m_clinicIndex.find(std::string(id));
    return it == m_clinicIndex.end() ? -1 : it->second;
}

int StockMirror::dateIndex(std::string_view date) const {
    auto it = m_dateIndex.find(std::string(date));
    return it == m_dateIndex.end() ? -1 : it->second;
}

int64_t StockMirror::remaining(int clinic, int date) const {
    if (clinic < 0 || date < 0 || std::size_t(clinic) >= m_clinics.size() ||
        std::size_t(date) >= m_dates.size())
        return kNoStock;
    return m_slots[std::size_t(clinic) * m_dates.size() + date].load(std::memory_order_relaxed);
}

void StockMirror::set(int clinic, int date, int64_t remaining, int reservedDelta, int64_t nowMs) {
    auto& slot = m_slots[std::size_t(clinic) * m_dates.size() + date];
    const int64_t old = slot.exchange(remaining, std::memory_order_relaxed);
    const int64_t delta = remaining - (old < 0 ? 0 : old);
    m_total.fetch_add(delta, std::memory_order_relaxed);
    PerClinic& p = m_per[clinic];
    p.window.fetch_add(delta, std::memory_order_relaxed);
    if (reservedDelta != 0) {
        const int64_t sec = nowMs / 1000;
        const int b = static_cast<int>(sec % 60);
        if (p.bucketSecond[b].load(std::memory_order_relaxed) != sec) {
            p.bucketCount[b].store(0, std::memory_order_relaxed);
            p.bucketSecond[b].store(sec, std::memory_order_relaxed);
        }
        p.bucketCount[b].fetch_add(reservedDelta, std::memory_order_relaxed);
    }
    const uint64_t v = m_version.load(std::memory_order_relaxed) + 1;
    p.version.store(v, std::memory_order_relaxed);
    m_version.store(v, std::memory_order_release);
}

ClinicStock StockMirror::view(int c, int64_t nowMs) const {
    const auto& row = m_clinics[c];
    ClinicStock s;
    s.id = row.id;
    s.name = row.name;
    s.region = row.region;
    s.district = row.district;
    s.remainingWindow = m_per[c].window.load(std::memory_order_relaxed);
    const int today = dateIndex(koreaDate(nowMs));
    const int64_t t = remaining(c, today);
    s.remainingToday = t < 0 ? 0 : t;
    const int64_t sec = nowMs / 1000;
    int64_t last = 0;
    for (int b = 0; b < 60; ++b) {
        const int64_t bs = m_per[c].bucketSecond[b].load(std::memory_order_relaxed);
        if (bs > sec - 60 && bs <= sec)
            last += m_per[c].bucketCount[b].load(std::memory_order_relaxed);
    }
    s.reservedLastMinute = std::max<int64_t>(0, last);
    return s;
}

std::vector<ClinicStock> StockMirror::snapshot(uint64_t* version, int64_t nowMs) const {
    if (version) *version = m_version.load(std::memory_order_acquire);
    std::vector<ClinicStock> out;
    out.reserve(m_clinics.size());
    for (std::size_t c = 0; c < m_clinics.size(); ++c)
        out.push_back(view(static_cast<int>(c), nowMs));
    return out;
}

std::vector<ClinicStock> StockMirror::changedSince(uint64_t since, uint64_t* version,
                                                   int64_t nowMs) const {
    if (version) *version = m_version.load(std::memory_order_acquire);
    std::vector<ClinicStock> out;
    for (std::size_t c = 0; c < m_clinics.size(); ++c)
        if (m_per[c].version.load(std::memory_order_relaxed) > since)
            out.push_back(view(static_cast<int>(c), nowMs));
    return out;
}

} // namespace sluice::booking
