// SQLite connection and statement wrappers.
#include "server/store/sqlite.h"

#include <sqlite3.h>

namespace sluice::store {

bool SqliteError::isConstraint() const {
    return (m_code & 0xff) == SQLITE_CONSTRAINT;
}

Db::Db(const std::string& path, Sync sync, bool readOnly) : m_path(path) {
    int flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc, "cannot open database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    if (!readOnly) exec("PRAGMA journal_mode=WAL");
    static const char* kSync[] = {"PRAGMA synchronous=OFF", "PRAGMA synchronous=NORMAL",
                                  "PRAGMA synchronous=FULL"};
    exec(kSync[static_cast<int>(sync)]);
    exec("PRAGMA foreign_keys=ON");
}

Db::~Db() {
    sqlite3_close_v2(m_db);
}

void Db::fail(int code, std::string_view context) const {
    throw SqliteError(code, std::string(context) + ": " + sqlite3_errmsg(m_db));
}

void Db::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError(rc, msg + " (in: " + s.substr(0, 120) + ")");
    }
}

int64_t Db::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Db::changes() const {
    return sqlite3_changes(m_db);
}

std::optional<int64_t> Db::queryInt(std::string_view sql) {
    Stmt st(*this, sql);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.int64(0);
}

std::string Db::integrityCheck() {
    Stmt st(*this, "PRAGMA integrity_check");
    std::string out;
    while (st.step()) {
        if (!out.empty()) out += "; ";
        out += st.text(0);
    }
    return out;
}

Stmt::Stmt(Db& db, std::string_view sql) : m_db(&db) {
    int rc =
        sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, "prepare '" + std::string(sql.substr(0, 80)) + "'");
}

Stmt::~Stmt() {
    sqlite3_finalize(m_stmt);
}

Stmt& Stmt::bind(int i, int64_t v) {
    int rc = sqlite3_bind_int64(m_stmt, i, v);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    int rc = sqlite3_bind_double(m_stmt, i, v);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
    int rc = sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}
Stmt& Stmt::bindNull(int i) {
    int rc = sqlite3_bind_null(m_stmt, i);
    if (rc != SQLITE_OK) m_db->fail(rc, "bind");
    return *this;
}

bool Stmt::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    m_db->fail(rc, "step");
}

void Stmt::run() {
    while (step()) {
    }
}

void Stmt::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Stmt::int64(int col) const {
    return sqlite3_column_int64(m_stmt, col);
}
double Stmt::real(int col) const {
    return sqlite3_column_double(m_stmt, col);
}
std::string Stmt::text(int col) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
             : std::string();
}
bool Stmt::isNull(int col) const {
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

} // namespace sluice::store
