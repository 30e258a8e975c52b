// Shared by the console's integration suites: a real sluice-server with two cohorts, a fast
// tick and the two-person rule on, and operators of every role.
#pragma once
#include "support/server_process.h"

#include <QString>

namespace sluice::console::testing {

inline const char* kConsoleTestConfig = R"({
 "cohorts": [
  {"id": "53-54", "label": {"ko": "53–54세", "en": "Ages 53–54"}, "birth_year_from": 1967,
   "birth_year_to": 1968, "prequeue_opens": "-1m", "opens": "-1s", "rate_per_s": 100, "max_active": 1000},
  {"id": "50-52", "label": {"ko": "50–52세", "en": "Ages 50–52"}, "birth_year_from": 1969,
   "birth_year_to": 1971, "prequeue_opens": "-1m", "opens": "-1s", "rate_per_s": 200, "max_active": 2000}
 ],
 "ops": {"tick_ms": 250, "history_frames": 4096,
         "two_person_rule": {"enabled": true, "rate_factor": 2.0, "approval_timeout_s": 120}}
})";

inline QString addOperator(const sluice::test::ServerProcess& server, const QString& name,
                           const QString& role) {
    const sluice::test::CliResult r = server.cli({"operator", "add", name, "--role", role});
    if (r.exitCode != 0)
        qWarning("operator add failed: %s %s", qPrintable(r.out), qPrintable(r.err));
    return r.exitCode == 0 ? r.lastLine().trimmed() : QString();
}

} // namespace sluice::console::testing
