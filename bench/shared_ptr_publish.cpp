// What the cached status answer costs to read: N reader threads load the published
// shared_ptr as the HTTP threads do for every GET /v1/queue/{cohort}/status, while one writer
// replaces it every 100 ms as the control loop's tick does. Compares libstdc++'s
// std::atomic<std::shared_ptr> with sluice::AtomicSharedPtr (the mutex version the server uses
// since ThreadSanitizer joined the test command; docs/decisions.md). Prints loads per second.
//   build/bin/bench_shared_ptr_publish [--threads N] [--seconds S]
#include "common/atomic_shared_ptr.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

template <class Slot> double run(Slot& slot, int threads, double seconds) {
    std::atomic<bool> stop{false};
    std::atomic<uint64_t> loads{0};
    std::thread writer([&] {
        int i = 0;
        while (!stop.load(std::memory_order_relaxed)) {
            slot.store(std::make_shared<const std::string>(std::string(300, char('a' + i++ % 26))));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    std::vector<std::thread> readers;
    for (int t = 0; t < threads; ++t)
        readers.emplace_back([&] {
            uint64_t n = 0, bytes = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                for (int k = 0; k < 1000; ++k) {
                    auto p = slot.load();
                    bytes += p->size();
                }
                n += 1000;
            }
            loads += n + (bytes == 0); // use bytes so the loads are not optimised away
        });
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& r : readers)
        r.join();
    writer.join();
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return double(loads.load()) / s;
}

} // namespace

int main(int argc, char** argv) {
    int threads = 2;
    double seconds = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seconds"))
            seconds = std::atof(argv[i + 1]);
    }
    std::atomic<std::shared_ptr<const std::string>> a{std::make_shared<const std::string>("x")};
    sluice::AtomicSharedPtr<const std::string> m{std::make_shared<const std::string>("x")};
    for (int round = 0; round < 2; ++round) {
        const double ra = run(a, threads, seconds);
        const double rm = run(m, threads, seconds);
        std::printf("round %d, %d reader threads: std::atomic<shared_ptr> %.1f M loads/s, "
                    "AtomicSharedPtr %.1f M loads/s (%.2fx)\n",
                    round + 1, threads, ra / 1e6, rm / 1e6, rm / ra);
    }
    return 0;
}
