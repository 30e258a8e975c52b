// A thin RAII wrapper over the SQLite C API: a connection, prepared statements, errors as
// exceptions carrying SQLite's message. One connection per thread; never shared.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace sluice::store {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), m_code(code) {}
    int code() const { return m_code; }
    bool isConstraint() const;

private:
    int m_code;
};

class Db;

class Stmt {
public:
    Stmt(Db& db, std::string_view sql);
    ~Stmt();
    Stmt(Stmt&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int index, int64_t v);
    Stmt& bind(int index, double v);
    Stmt& bind(int index, std::string_view v);
    Stmt& bindNull(int index);
    // Returns true while a row is available.
    bool step();
    // Steps to completion; for statements that return no rows.
    void run();
    void reset(); // resets and clears bindings for reuse

    int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    bool isNull(int col) const;

private:
    Db* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

enum class Sync { Off = 0, Normal = 1, Full = 2 };

class Db {
public:
    // Opens (creating) the file in WAL mode with the given synchronous level and a busy timeout.
    explicit Db(const std::string& path, Sync sync = Sync::Full, bool readOnly = false);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(std::string_view sql);
    int64_t lastInsertId() const;
    int changes() const;
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }
    [[noreturn]] void fail(int code, std::string_view context) const;
    // Single-value helpers.
    std::optional<int64_t> queryInt(std::string_view sql);
    std::string integrityCheck(); // "ok" when healthy

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

} // namespace sluice::store
