// A shared_ptr published by one thread and read by many (cached status answers, the notice
// board). libstdc++ 12's std::atomic<std::shared_ptr> guards its pointer with a lock bit in the
// control word that ThreadSanitizer does not see as a lock, so TSan reports every load as
// racing the next store (found when TSan joined the test command). libstdc++ spins on that bit
// anyway; a std::mutex held only for the copy costs about the same and is a lock TSan knows.
#pragma once
#include <memory>
#include <mutex>

namespace sluice {

template <class T> class AtomicSharedPtr {
public:
    AtomicSharedPtr() = default;
    explicit AtomicSharedPtr(std::shared_ptr<T> p) : m_ptr(std::move(p)) {}
    AtomicSharedPtr(const AtomicSharedPtr&) = delete;
    AtomicSharedPtr& operator=(const AtomicSharedPtr&) = delete;

    std::shared_ptr<T> load() const {
        std::lock_guard lock(m_mutex);
        return m_ptr;
    }
    // The previous value is released after the lock, never under it.
    void store(std::shared_ptr<T> p) {
        {
            std::lock_guard lock(m_mutex);
            m_ptr.swap(p);
        }
    }

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<T> m_ptr;
};

} // namespace sluice
