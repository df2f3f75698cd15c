// Tile cache (LRU by bytes, sharded), SingleFlight and SourceCache behaviour, including
// concurrent use from many threads.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <latch>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "cache/cache_report.h"
#include "cache/memory_tile_cache.h"
#include "cache/single_flight.h"
#include "cache/source_cache.h"
#include "util/error.h"
#include "util/handle_pool.h"
#include "util/lru_map.h"

using namespace tessera;

namespace {

CachedBytes bytesOf(std::size_t size, std::uint8_t fill) {
    return std::make_shared<const std::vector<std::uint8_t>>(size, fill);
}

// What the cache charges for one entry (value + key + fixed overhead), measured.
std::uint64_t costOf(const std::string& key, std::size_t valueSize) {
    MemoryTileCache probe(1u << 30, 1);
    probe.put(key, bytesOf(valueSize, 0));
    return probe.stats().bytes;
}

class FakeSource final : public Source {
  public:
    FakeSource(std::string uri, std::shared_ptr<std::atomic<int>> destroyed)
        : uri_(std::move(uri)), destroyed_(std::move(destroyed)) {
        info_.sizeX = 10;
        info_.sizeY = 10;
    }
    ~FakeSource() override {
        if (destroyed_) ++*destroyed_;
    }
    const SourceInfo& info() const override { return info_; }
    const std::string& uri() const override { return uri_; }
    nlohmann::json internalMetadata() const override { return nlohmann::json::object(); }
    Raster read(const ReadWindow&) const override { return Raster(1, 1, 1, DataType::UInt8); }
    BandStats statistics(int, int, bool) const override { return {}; }

  private:
    SourceInfo info_;
    std::string uri_;
    std::shared_ptr<std::atomic<int>> destroyed_;
};

// An Opener that counts its calls, takes 50 ms and fails for URIs starting with "missing".
struct FakeOpener {
    std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<int>> destroyed = std::make_shared<std::atomic<int>>(0);
    std::chrono::milliseconds delay{50};

    SourceCache::Opener opener() const {
        return [calls = calls, destroyed = destroyed, delay = delay](const std::string& uri,
                                                                     const OpenOptions&) {
            ++*calls;
            std::this_thread::sleep_for(delay);
            if (uri.rfind("missing", 0) == 0) fail(ErrorKind::NotFound, "no such file: " + uri);
            return std::make_shared<const FakeSource>(uri, destroyed);
        };
    }
};

}  // namespace

class TestCache : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // The GDAL, TIFF and FITS readers' handle pools are one HandlePool: handles opened on
    // demand, kept up to maxIdle, a preferred idle one chosen, at most maxOpen open at once.
    void handlePoolLends() {
        std::atomic<int> opened{0}, failNext{0};
        using Pool = HandlePool<std::unique_ptr<int>>;
        Pool pool(
            [&] {
                if (failNext.exchange(0)) fail(ErrorKind::IO, "cannot open");
                return std::make_unique<int>(100 + opened++);
            },
            std::make_unique<int>(1), 2);
        QCOMPARE(pool.idleCount(), std::size_t(1));
        {
            auto a = pool.acquire();
            QCOMPARE(*a, 1);  // the first handle is lent first
            auto b = pool.acquire();
            QCOMPARE(*b, 100);
            auto c = pool.acquire();
            QCOMPARE(*c, 101);
            QCOMPARE(pool.idleCount(), std::size_t(0));
        }
        QCOMPARE(pool.idleCount(), std::size_t(2));  // one of three closed: maxIdle 2
        QCOMPARE(opened.load(), 2);
        // Idle now: 101 and 100 (the last given back, 1, was closed). prefer picks the one it
        // names; without it the most recently returned goes first.
        auto p = pool.acquire([](const int& h) { return h == 101; });
        QCOMPARE(*p, 101);
        auto q = pool.acquire();
        QCOMPARE(*q, 100);
    }

    void handlePoolBoundsOpenHandles() {
        std::atomic<int> opened{0};
        std::atomic<bool> failOpen{true};
        HandlePool<std::unique_ptr<int>> pool(
            [&] {
                if (failOpen) fail(ErrorKind::IO, "cannot open");
                return std::make_unique<int>(++opened);
            },
            nullptr, 8, 1);
        // A failed open does not count as open: the next acquire opens again, no deadlock.
        QVERIFY_THROWS_EXCEPTION(Error, pool.acquire());
        failOpen = false;
        auto lease = std::make_unique<HandlePool<std::unique_ptr<int>>::Lease>(pool.acquire());
        QCOMPARE(**lease, 1);
        // maxOpen 1: a second borrower waits until the first gives its handle back.
        std::atomic<bool> got{false};
        std::thread t([&] {
            auto l = pool.acquire();
            got = *l == 1;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QVERIFY(!got);
        lease.reset();
        t.join();
        QVERIFY(got);
        QCOMPARE(opened.load(), 1);
    }

    // Style caches keyed by client text are LruMaps: bounded, least recently used dropped.
    void lruMapBounded() {
        LruMap<std::string, int> m(3);
        m.put("a", 1);
        m.put("b", 2);
        m.put("c", 3);
        QVERIFY(m.find("a"));  // a is now the most recent
        m.put("d", 4);         // drops b
        QCOMPARE(m.size(), std::size_t(3));
        QVERIFY(!m.find("b"));
        QCOMPARE(*m.find("a"), 1);
        QCOMPARE(*m.find("d"), 4);
        m.put("a", 10);
        QCOMPARE(*m.find("a"), 10);
        for (int i = 0; i < 1000; ++i) m.put(std::to_string(i), i);
        QCOMPARE(m.size(), std::size_t(3));
        QCOMPARE(*m.find("999"), 999);
    }

    void lruOrderWithinByteBudget() {
        const std::uint64_t cost = costOf("k0", 1000);
        QVERIFY(cost > 1000 + 2);  // value + key + overhead
        MemoryTileCache cache(std::size_t(3 * cost), 1);
        cache.put("k0", bytesOf(1000, 0));
        cache.put("k1", bytesOf(1000, 1));
        cache.put("k2", bytesOf(1000, 2));
        QCOMPARE(cache.stats().entries, 3u);
        QCOMPARE(cache.stats().bytes, 3 * cost);
        QVERIFY(cache.get("k0"));  // k0 is now the most recent; k1 the oldest
        cache.put("k3", bytesOf(1000, 3));
        QVERIFY(!cache.get("k1"));
        QCOMPARE(cache.get("k0")->at(0), std::uint8_t(0));
        QCOMPARE(cache.get("k2")->at(0), std::uint8_t(2));
        QCOMPARE(cache.get("k3")->at(0), std::uint8_t(3));
        CacheStats s = cache.stats();
        QCOMPARE(s.evictions, 1u);
        QCOMPARE(s.entries, 3u);
        QCOMPARE(s.bytes, 3 * cost);
        QCOMPARE(s.capacity, 3 * cost);
        // A value costing two entries pushes out the two least recently used.
        // Recency now: k3 (most), k2, k0 (least).
        cache.put("k4", bytesOf(2000 + std::size_t(cost) - 1000, 4));  // costs 2 entries
        s = cache.stats();
        QCOMPARE(s.evictions, 3u);
        QVERIFY(!cache.get("k0"));
        QVERIFY(!cache.get("k2"));
        QVERIFY(cache.get("k3"));
        QVERIFY(cache.get("k4"));
        QVERIFY(s.bytes <= s.capacity);
    }

    void bytesStayWithinBudgetAcrossShards() {
        const std::size_t capacity = 64 * 1024;
        MemoryTileCache cache(capacity, 4);
        for (int i = 0; i < 2000; ++i) {
            cache.put("tile/" + std::to_string(i), bytesOf(100 + i % 300, std::uint8_t(i)));
            QVERIFY(cache.stats().bytes <= capacity);
        }
        const CacheStats s = cache.stats();
        QCOMPARE(s.inserts, 2000u);
        QCOMPARE(s.inserts - s.evictions, s.entries);
        QVERIFY(s.entries > 50);          // the budget is actually used
        QVERIFY(s.bytes > capacity / 2);  // ... across all shards
        QVERIFY(cache.get("tile/1999"));  // the newest survive
        QVERIFY(!cache.get("tile/0"));    // the oldest are gone
    }

    void putReplacesExistingKey() {
        MemoryTileCache cache(1 << 20, 2);
        cache.put("a", bytesOf(10, 1));
        cache.put("a", bytesOf(500, 2));
        const CacheStats s = cache.stats();
        QCOMPARE(s.entries, 1u);
        QCOMPARE(s.bytes, costOf("a", 500));
        QCOMPARE(s.evictions, 0u);
        auto v = cache.get("a");
        QVERIFY(v);
        QCOMPARE(v->size(), std::size_t(500));
        QCOMPARE(v->at(0), std::uint8_t(2));
    }

    void oversizeValueIsNotCached() {
        const std::size_t capacity = 16 * 1024;
        MemoryTileCache cache(capacity, 4);  // 4 KiB per shard
        cache.put("big", bytesOf(5000, 9));
        QVERIFY(!cache.get("big"));
        QCOMPARE(cache.stats().entries, 0u);
        QCOMPARE(cache.stats().bytes, 0u);
        // Replacing a cached value by one too large drops the stale value too.
        cache.put("x", bytesOf(100, 1));
        QVERIFY(cache.get("x"));
        cache.put("x", bytesOf(5000, 2));
        QVERIFY(!cache.get("x"));
        // A null value is never stored.
        cache.put("n", nullptr);
        QVERIFY(!cache.get("n"));
        // Zero capacity caches nothing.
        MemoryTileCache none(0, 4);
        none.put("a", bytesOf(1, 1));
        QVERIFY(!none.get("a"));
    }

    void statsAndReport() {
        MemoryTileCache cache(10 * 1024 * 1024, 8);
        QCOMPARE(
            QString::fromStdString(formatCacheStats(cache.stats())).contains(QStringLiteral("n/a")),
            true);
        for (int i = 0; i < 10; ++i) cache.put("k" + std::to_string(i), bytesOf(1000, 1));
        for (int i = 0; i < 15; ++i) cache.get("k" + std::to_string(i));  // 10 hits, 5 misses
        const CacheStats s = cache.stats();
        QCOMPARE(s.hits, 10u);
        QCOMPARE(s.misses, 5u);
        QCOMPARE(s.inserts, 10u);
        QCOMPARE(s.entries, 10u);
        QCOMPARE(s.capacity, 10u * 1024 * 1024);
        const QString report = QString::fromStdString(formatCacheStats(s));
        QVERIFY2(report.contains(QStringLiteral("10 hits")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("5 misses")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("66.7% hit rate")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("of 10.0 MB")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("0 evictions")), qPrintable(report));
        cache.clear();
        QCOMPARE(cache.stats().entries, 0u);
        QCOMPARE(cache.stats().bytes, 0u);
        QVERIFY(!cache.get("k1"));
        QCOMPARE(cache.stats().hits, 10u);  // counters survive clear()
    }

    void concurrentGetPut() {
        const std::size_t capacity = 256 * 1024;
        MemoryTileCache cache(capacity, 16);
        constexpr int kThreads = 8;
        constexpr int kOps = 20000;
        std::atomic<int> wrong{0};
        std::atomic<std::uint64_t> gets{0}, puts{0};
        std::latch start(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                std::mt19937 rng(unsigned(t) * 7919u + 1u);
                std::uniform_int_distribution<int> pick(0, 799);
                start.arrive_and_wait();
                for (int i = 0; i < kOps; ++i) {
                    const int k = pick(rng);
                    const std::string key = "z/" + std::to_string(k);
                    ++gets;
                    if (CachedBytes v = cache.get(key)) {
                        // The value stored under a key is always that key's value.
                        if (v->size() != std::size_t(200 + k) || v->front() != std::uint8_t(k) ||
                            v->back() != std::uint8_t(k))
                            ++wrong;
                    } else {
                        cache.put(key, bytesOf(std::size_t(200 + k), std::uint8_t(k)));
                        ++puts;
                    }
                    if (i % 5000 == 0 && cache.stats().bytes > capacity) ++wrong;
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(wrong.load(), 0);
        const CacheStats s = cache.stats();
        QCOMPARE(s.hits + s.misses, gets.load());
        QCOMPARE(s.misses, puts.load());
        QCOMPARE(s.inserts, puts.load());
        QVERIFY(s.bytes <= capacity);
        QVERIFY(s.entries > 0);
        QVERIFY(s.evictions > 0);
        QVERIFY(s.hits > 0);
        QVERIFY(s.inserts >= s.entries + s.evictions);  // the rest were replacements
    }

    void singleFlightRunsOnce() {
        SingleFlight<int> flight;
        std::atomic<int> calls{0};
        constexpr int kThreads = 16;
        std::latch start(kThreads);
        std::vector<int> results(kThreads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                results[std::size_t(t)] = flight.run("tile", [&] {
                    ++calls;
                    std::this_thread::sleep_for(std::chrono::milliseconds(200));
                    return 42;
                });
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(calls.load(), 1);
        for (int r : results) QCOMPARE(r, 42);
        QCOMPARE(flight.inflight(), std::size_t(0));
        // Different keys do not wait for each other.
        QCOMPARE(flight.run("a", [] { return 1; }), 1);
        QCOMPARE(flight.run("b", [] { return 2; }), 2);
    }

    void singleFlightPropagatesErrorsAndRetries() {
        SingleFlight<int> flight;
        std::atomic<int> calls{0}, failures{0};
        constexpr int kThreads = 8;
        std::latch start(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                start.arrive_and_wait();
                try {
                    flight.run("bad", [&]() -> int {
                        ++calls;
                        std::this_thread::sleep_for(std::chrono::milliseconds(200));
                        fail(ErrorKind::IO, "disk on fire");
                    });
                } catch (const Error& e) {
                    if (e.kind() == ErrorKind::IO && std::string(e.what()) == "disk on fire")
                        ++failures;
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(calls.load(), 1);
        QCOMPARE(failures.load(), kThreads);
        QCOMPARE(flight.inflight(), std::size_t(0));
        // The failure is not remembered: the key can be computed again.
        QCOMPARE(flight.run("bad",
                            [&] {
                                ++calls;
                                return 7;
                            }),
                 7);
        QCOMPARE(calls.load(), 2);
    }

    void sourceCacheOpensOnceUnderConcurrency() {
        FakeOpener fake;
        SourceCache cache(8, fake.opener());
        constexpr int kThreads = 16;
        std::latch start(kThreads);
        std::vector<SourcePtr> got(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                got[std::size_t(t)] = cache.get("/data/a.tif");
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(fake.calls->load(), 1);
        for (const auto& s : got) {
            QVERIFY(s);
            QCOMPARE(s.get(), got[0].get());
            QCOMPARE(s->uri(), std::string("/data/a.tif"));
        }
        QCOMPARE(cache.size(), std::size_t(1));
        QCOMPARE(cache.get("/data/a.tif").get(), got[0].get());  // later gets hit the cache
        QCOMPARE(fake.calls->load(), 1);
    }

    void sourceCacheClosesLeastRecentlyUsed() {
        FakeOpener fake;
        fake.delay = std::chrono::milliseconds(0);
        SourceCache cache(2, fake.opener());
        std::weak_ptr<const Source> a = cache.get("a");
        std::weak_ptr<const Source> b = cache.get("b");
        QVERIFY(cache.get("a"));  // touch a: b is now the oldest
        std::weak_ptr<const Source> c = cache.get("c");
        QCOMPARE(cache.size(), std::size_t(2));
        QVERIFY(b.expired());  // closed: nobody else held it
        QCOMPARE(fake.destroyed->load(), 1);
        QVERIFY(!a.expired());
        QVERIFY(!c.expired());
        QCOMPARE(fake.calls->load(), 3);
        cache.get("a");
        QCOMPARE(fake.calls->load(), 3);
        cache.get("b");  // reopened
        QCOMPARE(fake.calls->load(), 4);
        QVERIFY(c.expired());  // c was the oldest now

        // A source still in use elsewhere survives eviction until its last user lets go.
        SourcePtr held = cache.get("a");
        cache.clear();
        QCOMPARE(cache.size(), std::size_t(0));
        QVERIFY(held);
        QCOMPARE(held->uri(), std::string("a"));
    }

    void sourceCacheErrorsPropagateAndAreNotCached() {
        FakeOpener fake;
        SourceCache cache(4, fake.opener());
        for (int attempt = 1; attempt <= 2; ++attempt) {
            try {
                cache.get("missing.tif");
                QFAIL("expected an error");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::NotFound);
                QCOMPARE(std::string(e.what()), std::string("no such file: missing.tif"));
            }
            QCOMPARE(fake.calls->load(), attempt);  // tried again, not remembered
        }
        QCOMPARE(cache.size(), std::size_t(0));

        // Concurrent callers of a failing open all see the error; the open ran once.
        constexpr int kThreads = 6;
        std::latch start(kThreads);
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                start.arrive_and_wait();
                try {
                    cache.get("missing-too.tif");
                } catch (const Error& e) {
                    if (e.kind() == ErrorKind::NotFound) ++failures;
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(failures.load(), kThreads);
        QCOMPARE(fake.calls->load(), 3);

        // An opener returning nothing is an error too.
        SourceCache nullCache(4,
                              [](const std::string&, const OpenOptions&) { return SourcePtr(); });
        QVERIFY_THROWS_EXCEPTION(Error, nullCache.get("x"));
        QCOMPARE(nullCache.size(), std::size_t(0));
    }

    void sourceCacheKeysAndEvict() {
        OpenOptions gdal;
        gdal.sourceName = "gdal";
        const std::string k1 = SourceCache::keyFor("/d/a.tif", {});
        QCOMPARE(SourceCache::keyFor("/d/a.tif", {}), k1);  // stable
        QVERIFY(SourceCache::keyFor("/d/a.tif", gdal) != k1);
        QVERIFY(SourceCache::keyFor("/d/a.tif.ovr", {}) != k1);
        QVERIFY(SourceCache::keyFor("/d/b.tif", {}) != k1);

        FakeOpener fake;
        fake.delay = std::chrono::milliseconds(0);
        SourceCache cache(8, fake.opener());
        cache.get("/d/a.tif");
        cache.get("/d/a.tif", gdal);  // same file, other reader: its own entry
        cache.get("/d/a.tif.ovr");
        cache.get("/d/b.tif");
        QCOMPARE(cache.size(), std::size_t(4));
        QCOMPARE(fake.calls->load(), 4);
        cache.evict("/d/a.tif");  // both entries of that URI, not the one sharing its prefix
        QCOMPARE(cache.size(), std::size_t(2));
        cache.get("/d/a.tif.ovr");
        cache.get("/d/b.tif");
        QCOMPARE(fake.calls->load(), 4);
        cache.get("/d/a.tif");
        QCOMPARE(fake.calls->load(), 5);
        cache.evict("/nothing");
        QCOMPARE(cache.size(), std::size_t(3));
        cache.clear();
        QCOMPARE(cache.size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCache)
#include "test_cache.moc"
