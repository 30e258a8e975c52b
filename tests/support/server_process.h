// Runs a real sluice-server process for integration tests: a temporary data folder, a config
// written from the test, a free port, readiness by polling /readyz, kill -9 and restart on
// the same port and data, and the CLI subcommands (operator add, audit verify, ...).
#pragma once
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <string>

namespace sluice::test {

struct CliResult {
    int exitCode = -1;
    QString out, err;
    QString lastLine() const; // last non-empty line of stdout (e.g. a new operator's token)
};

class ServerProcess {
public:
    struct Options {
        std::string config; // JSON text; written to <temp>/config.json
        QString dataDir;    // empty: a fresh temporary folder
        int threads = 2;
        QStringList extraArgs;
        bool demo = false;                                // --demo instead of a config
        QString listenHost = QStringLiteral("127.0.0.1"); // 0.0.0.0: every interface
    };
    explicit ServerProcess(Options options);
    ~ServerProcess();

    // Starts and waits until /readyz answers 200. False (with output() explaining) on failure.
    bool start(int timeoutMs = 20'000);
    void kill9();                           // SIGKILL, waits for the process to be gone
    bool terminate(int timeoutMs = 10'000); // SIGTERM, waits; true when it exited with 0
    bool restart(int timeoutMs = 20'000);   // same data folder and port
    bool running() const;

    uint16_t port() const { return m_port; }
    std::string host() const { return "127.0.0.1"; }
    QString baseUrl() const;
    QString dataDir() const { return m_dataDir; }
    QString configPath() const { return m_configPath; }
    qint64 pid() const;
    QByteArray output() const; // everything the process printed so far
    // Peak resident memory of the running process in KiB (VmHWM), 0 if unknown.
    long peakRssKb() const;

    // Runs `sluice-server --data-dir <dataDir> <args...>` and waits.
    CliResult cli(const QStringList& args, int timeoutMs = 20'000) const;
    static CliResult runServerBinary(const QStringList& args, int timeoutMs = 20'000);
    static QString binaryPath();

private:
    bool waitReady(int timeoutMs);
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_temp;
    QString m_dataDir, m_configPath;
    uint16_t m_port = 0;
    std::unique_ptr<QProcess> m_process;
    mutable QByteArray m_output;
};

} // namespace sluice::test
