// The data folder's guard, run before anything opens a file in it: the folder is private to the
// server's user (0700, files 0600, whatever the umask), a folder other users can write to is
// refused, and a folder that held a waiting room before (its signing keys exist) but whose
// database is now missing, empty or without the waiting room's state is refused instead of
// silently starting from scratch: that would give every dose back to stock, forget every
// reservation and operator, and still accept the tickets citizens hold.
#pragma once
#include <string>

namespace sluice {

struct DataDirFiles {
    std::string dir, database, keys;
};

DataDirFiles dataDirFiles(const std::string& dir);

// Creates the folder (0700) or checks and tightens an existing one; sets the process umask to
// 077. Throws std::runtime_error with a one-line reason.
void prepareDataDir(const std::string& dir);

// Throws std::runtime_error when the keys exist but the database does not hold the state of the
// server that made them. Call after prepareDataDir and before the database is opened.
void checkDataSetIntact(const DataDirFiles& files);

// chmod 0600 on the database, its -wal and -shm files and the key file, where they exist.
void tightenDataFiles(const DataDirFiles& files);

} // namespace sluice
