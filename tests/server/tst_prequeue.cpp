// The pre-queue permutation: a bijection, recomputable, and uncorrelated with arrival order.
#include "server/queue/prequeue.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <thread>

using namespace sluice::queue;

double spearman(const std::vector<uint64_t>& ranks) {
    // arrival rank i vs assigned rank ranks[i], both permutations of 0..n-1
    const double n = double(ranks.size());
    double d2 = 0;
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        double d = double(i) - double(ranks[i]);
        d2 += d * d;
    }
    return 1.0 - 6.0 * d2 / (n * (n * n - 1));
}

class TstPrequeue : public QObject {
    Q_OBJECT
private slots:
    void isAPermutationForManySizes() {
        for (uint64_t n : {1ull, 2ull, 3ull, 7ull, 64ull, 1000ull, 4097ull}) {
            PrequeuePermutation p("seed-" + std::to_string(n), n);
            std::vector<bool> seen(n, false);
            for (uint64_t e = 0; e < n; ++e) {
                uint64_t place = p.permute(e);
                QVERIFY(place < n);
                QVERIFY(!seen[place]);
                seen[place] = true;
                QCOMPARE(p.inverse(place), e);
            }
        }
    }

    // The published test vector of docs/fairness.md, computed by an independent implementation
    // of the construction written there (Python's hmac module). It pins the permutation: a
    // change to it would move every citizen's place, and a third party checks their own
    // implementation against these numbers.
    void publishedTestVector() {
        std::string seed;
        for (int i = 0; i < 32; ++i)
            seed.push_back(char(i)); // 000102...1f
        PrequeuePermutation million(seed, 1'000'000);
        const uint64_t first[] = {343693, 372258, 818881, 838798, 749132,
                                  217854, 765422, 338289, 242692, 748900};
        for (uint64_t e = 0; e < 10; ++e)
            QCOMPARE(million.permute(e), first[e]);
        PrequeuePermutation ten(seed, 10);
        const uint64_t all[] = {3, 2, 5, 8, 7, 6, 0, 4, 9, 1};
        for (uint64_t e = 0; e < 10; ++e)
            QCOMPARE(ten.permute(e), all[e]);
    }

    void deterministicFromSeedAndDifferentAcrossSeeds() {
        PrequeuePermutation a("same seed", 10'000), b("same seed", 10'000), c("other seed", 10'000);
        int same = 0;
        for (uint64_t e = 0; e < 10'000; ++e) {
            QCOMPARE(a.permute(e), b.permute(e));
            same += a.permute(e) == c.permute(e);
        }
        QVERIFY(same < 20);
    }

    // Every HTTP thread computes places at once at the opening: results must not depend on it.
    void concurrentLookupsAgree() {
        PrequeuePermutation p("concurrent seed", 50'000);
        std::vector<uint64_t> expected(50'000);
        for (uint64_t e = 0; e < expected.size(); ++e)
            expected[e] = p.permute(e);
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (uint64_t e = t; e < expected.size(); e += 2)
                    if (p.permute(e) != expected[e]) ++wrong;
            });
        for (auto& th : threads)
            th.join();
        QCOMPARE(wrong.load(), 0);
    }

    void uncorrelatedWithArrival() {
        PrequeuePermutation p(std::string(32, '\x5a'), 10'000);
        std::vector<uint64_t> ranks(10'000);
        for (uint64_t e = 0; e < ranks.size(); ++e)
            ranks[e] = p.permute(e);
        double rho = spearman(ranks);
        QVERIFY2(std::abs(rho) < 0.05, qPrintable(QString("rho = %1").arg(rho)));
        // Early arrivals are spread over the whole line: the first 1000 arrivals do not
        // crowd the first 1000 places (expected about 100 there).
        int early = 0;
        for (int e = 0; e < 1000; ++e)
            early += ranks[e] < 1000;
        QVERIFY2(early < 160,
                 qPrintable(
                     QString("%1 of the first 1000 arrivals in the first 1000 places").arg(early)));
    }
};

QTEST_APPLESS_MAIN(TstPrequeue)
#include "tst_prequeue.moc"
