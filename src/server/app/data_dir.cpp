// The data folder's guard (see data_dir.h).
#include "server/app/data_dir.h"

#include "common/log.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace sluice {
namespace fs = std::filesystem;

namespace {
std::string octal(mode_t m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(m & 07777));
    return buf;
}

// The number of rows in `table`; -1 when the database has no such table; -2 when the file
// cannot be read as a database (the integrity check at open reports that one in detail).
long long countRows(const std::string& path, const char* table) {
    sqlite3* db = nullptr;
    long long n = -2;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        std::string sql = std::string("SELECT count(*) FROM ") + table;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
        } else if (sqlite3_errcode(db) == SQLITE_ERROR &&
                   std::strstr(sqlite3_errmsg(db), "no such table")) {
            n = -1;
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}
} // namespace

DataDirFiles dataDirFiles(const std::string& dir) {
    return {dir, dir + "/sluice.db", dir + "/signing-keys"};
}

void prepareDataDir(const std::string& dir) {
    ::umask(077); // everything the server writes is its own user's only
    std::error_code ec;
    const bool existed = fs::exists(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create the data folder " + dir + ": " + ec.message());
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0)
        throw std::runtime_error("cannot read the data folder " + dir + ": " +
                                 std::strerror(errno));
    if (!S_ISDIR(st.st_mode))
        throw std::runtime_error("the data folder " + dir + " is not a folder");
    if (existed && (st.st_mode & (S_IWGRP | S_IWOTH)))
        throw std::runtime_error(
            "the data folder " + dir + " can be written by other users (mode " + octal(st.st_mode) +
            "): they could replace the database or the keys. Run: chmod 700 " + dir);
    if (st.st_mode & 077) {
        if (st.st_uid != ::geteuid() || ::chmod(dir.c_str(), 0700) != 0)
            throw std::runtime_error("the data folder " + dir +
                                     " can be read by other users (mode " + octal(st.st_mode) +
                                     ") and cannot be made private: chmod 700 " + dir);
        SLUICE_INFO("data folder ", dir, " made private (mode ", octal(st.st_mode), " -> 0700)");
    }
    std::string probe = dir + "/.write-test";
    {
        std::ofstream out(probe);
        out << "ok";
        if (!out)
            throw std::runtime_error("cannot write to the data folder " + dir +
                                     ": permission denied or disk full");
    }
    fs::remove(probe, ec);
}

void checkDataSetIntact(const DataDirFiles& f) {
    std::error_code ec;
    if (!fs::exists(f.keys, ec)) return; // a first start: nothing to lose yet
    const auto help = ". This folder held a waiting room before (" + f.keys +
                      " exists), so starting afresh would give every booked dose back to stock "
                      "and forget every reservation, operator and audit row. Restore the "
                      "database from a backup (docs/operations.md); to start over on purpose, "
                      "move the whole folder away";
    if (!fs::exists(f.database, ec))
        throw std::runtime_error("the database " + f.database + " is missing" + help);
    if (fs::file_size(f.database, ec) == 0 && !ec)
        throw std::runtime_error("the database " + f.database + " is empty" + help);
    // A damaged file is refused later by the integrity check; here: a database made anew (by
    // `operator add`, say) that lacks the waiting room's state.
    const long long rows = countRows(f.database, "cohort_state");
    if (rows == 0 || rows == -1)
        throw std::runtime_error("the database " + f.database + " holds no waiting-room state" +
                                 help);
}

void tightenDataFiles(const DataDirFiles& f) {
    for (const std::string& p :
         {f.database, f.database + "-wal", f.database + "-shm", f.keys, f.keys + ".tmp"}) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0 && (st.st_mode & 077)) {
            if (::chmod(p.c_str(), 0600) != 0)
                throw std::runtime_error("cannot make " + p +
                                         " private (chmod 600): " + std::strerror(errno));
        }
    }
}

} // namespace sluice
