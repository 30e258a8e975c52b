// sluice-server's command line. Errors are one line on stderr and exit code 2 (usage) or 1
// (cannot start), so scripts and operators see at once what is wrong.
#include "server/app/cli.h"

#include "common/log.h"
#include "common/signed_codec.h"
#include "common/timeutil.h"
#include "server/app/app.h"
#include "server/app/backup.h"
#include "server/app/config.h"
#include "server/app/data_dir.h"
// ops: includes
#include "server/ops/ops_cli.h"

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace sluice {
namespace {

const char* kUsage = R"(sluice-server — a fair waiting room in front of a vaccine-booking backend

Usage:
  sluice-server --config FILE --data-dir DIR [--listen HOST:PORT] [--threads N]
  sluice-server --demo [--data-dir DIR] [--listen HOST:PORT]
  sluice-server --data-dir DIR keys rotate
  sluice-server --data-dir DIR backup DEST     (online, while the server runs)
  sluice-server --data-dir DIR operator add NAME --role viewer|operator|admin
  sluice-server --data-dir DIR operator list | operator revoke NAME
  sluice-server --data-dir DIR audit verify [--checkpoint FILE]
  sluice-server --data-dir DIR audit checkpoint   (signed anchor of the audit log: keep it elsewhere)

Options:
  --listen HOST:PORT   address to listen on (default 127.0.0.1:8080; port 0 picks a free port)
  --data-dir DIR       folder for the database and signing keys (default ./sluice-data)
  --config FILE        JSON configuration (docs/configuration.md)
  --demo               built-in demo: the July 2021 cohorts, opening within minutes
  --threads N          HTTP threads (default: one per core)
  --log-level LEVEL    debug, info, warn or error (default info)
  --help, --version
)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Args {
    std::string listen = "127.0.0.1:8080";
    std::string dataDir = "sluice-data";
    std::string config;
    bool demo = false;
    int threads = 0;
    std::vector<std::string> command; // subcommand words
};

Args parse(int argc, char** argv) {
    Args a;
    auto value = [&](int& i, const char* flag) -> std::string {
        if (i + 1 >= argc) throw UsageError(std::string(flag) + " needs a value");
        return argv[++i];
    };
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (!a.command.empty()) { // after a subcommand, words belong to it
            a.command.push_back(arg);
            continue;
        }
        if (arg == "--listen")
            a.listen = value(i, "--listen");
        else if (arg == "--data-dir")
            a.dataDir = value(i, "--data-dir");
        else if (arg == "--config")
            a.config = value(i, "--config");
        else if (arg == "--demo")
            a.demo = true;
        else if (arg == "--threads") {
            std::string v = value(i, "--threads");
            try {
                a.threads = std::stoi(v);
            } catch (...) {
                a.threads = -1;
            }
            if (a.threads < 1 || a.threads > 256)
                throw UsageError("--threads must be a number from 1 to 256, got '" + v + "'");
        } else if (arg == "--log-level") {
            std::string v = value(i, "--log-level");
            if (v == "debug")
                setLogLevel(LogLevel::Debug);
            else if (v == "info")
                setLogLevel(LogLevel::Info);
            else if (v == "warn")
                setLogLevel(LogLevel::Warn);
            else if (v == "error")
                setLogLevel(LogLevel::Error);
            else
                throw UsageError("--log-level must be debug, info, warn or error");
        } else if (arg.rfind("--", 0) == 0 || arg.rfind("-", 0) == 0) {
            throw UsageError("unknown option '" + arg + "'");
        } else {
            a.command.push_back(arg);
        }
    }
    return a;
}

void applyListen(ServerConfig& cfg, const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        std::string msg = "--listen expects HOST:PORT, got '";
        msg.append(listen).append("'");
        throw UsageError(msg);
    }
    cfg.http.host = listen.substr(0, colon);
    if (cfg.http.host.size() > 2 && cfg.http.host.front() == '[')
        cfg.http.host = cfg.http.host.substr(1, cfg.http.host.size() - 2);
    std::string port = listen.substr(colon + 1);
    int p = -1;
    try {
        std::size_t used = 0;
        p = std::stoi(port, &used);
        if (used != port.size()) p = -1;
    } catch (...) {
    }
    if (p < 0 || p > 65535) {
        std::string msg = "--listen: '";
        msg.append(port).append("' is not a port number");
        throw UsageError(msg);
    }
    cfg.http.port = static_cast<uint16_t>(p);
}

int runSubcommand(const Args& a) {
    const auto& c = a.command;
    if (c[0] == "keys" && c.size() == 2 && c[1] == "rotate") {
        prepareDataDir(a.dataDir);
        KeyRing ring = KeyRing::rotate(a.dataDir + "/signing-keys");
        std::cout << "signing key " << int(ring.currentKeyId())
                  << " is now current; the previous key still verifies\n";
        return 0;
    }
    if (c[0] == "backup") {
        if (c.size() != 2) throw UsageError("backup needs exactly one DEST folder");
        BackupResult r = backupDataDir(a.dataDir, c[1]);
        std::cout << "backup written: " << r.database << " (" << r.databaseBytes
                  << " bytes, integrity ok) and " << r.keys << "\n";
        return 0;
    }
    // ops: subcommands
    if (auto code = ops::runOpsCli(a.dataDir, c, std::cout, std::cerr)) return *code;
    throw UsageError("unknown command '" + c[0] + "'");
}

} // namespace

int runServerCli(int argc, char** argv) {
    ::umask(077); // the database, keys and backups are the server user's only
    try {
        for (int i = 1; i < argc; ++i) {
            if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
                std::cout << kUsage;
                return 0;
            }
            if (!std::strcmp(argv[i], "--version")) {
                std::cout << "sluice-server " << SLUICE_VERSION << "\n";
                return 0;
            }
        }
        Args a = parse(argc, argv);
        if (!a.command.empty()) return runSubcommand(a);
        if (a.demo == !a.config.empty())
            throw UsageError(a.demo ? "use either --demo or --config, not both"
                                    : "--config FILE or --demo is required");
        int64_t now = nowUnixMs();
        ServerConfig cfg = a.demo ? parseConfig(demoConfigText(), "demo configuration", now)
                                  : loadConfigFile(a.config, now);
        if (a.demo) cfg.baseDir = ".";
        applyListen(cfg, a.listen);
        cfg.http.threads = a.threads;
        cfg.dataDir = a.dataDir;
        char host[256] = {};
        ::gethostname(host, sizeof host - 1);
        cfg.nodeId = std::string(host) + ":" + std::to_string(cfg.http.port);
        App app(std::move(cfg));
        app.start();
        app.runUntilSignalled();
        return 0;
    } catch (const UsageError& e) {
        std::cerr << "sluice-server: " << e.what() << " (see --help)\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "sluice-server: " << e.what() << "\n";
        return 1;
    }
}

} // namespace sluice
