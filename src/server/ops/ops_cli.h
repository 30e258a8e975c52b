// sluice-server's ops subcommands, run without the server (the database is opened directly):
//   operator add NAME --role viewer|operator|admin   (prints the token once, on the last line)
//   operator list | operator revoke NAME
//   audit verify                                      ("ok N rows", or the first broken row; exit
//   1)
#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace sluice::ops {

// nullopt when `words` is not an ops subcommand; otherwise the exit code (0 ok, 1 failed,
// 2 usage). Messages go to `out` / `err` as one line each.
std::optional<int> runOpsCli(const std::string& dataDir, const std::vector<std::string>& words,
                             std::ostream& out, std::ostream& err);

} // namespace sluice::ops
