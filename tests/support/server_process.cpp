// Server process management for integration tests.
#include "support/server_process.h"

#include "support/http_client.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTcpServer>
#include <QThread>

#include <csignal>

namespace sluice::test {

QString CliResult::lastLine() const {
    const auto lines = out.split('\n', Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

QString ServerProcess::binaryPath() {
    QByteArray env = qgetenv("SLUICE_SERVER_BIN");
    return env.isEmpty() ? QString(SLUICE_SERVER_BIN) : QString::fromLocal8Bit(env);
}

ServerProcess::ServerProcess(Options options) : m_options(std::move(options)) {
    m_temp = std::make_unique<QTemporaryDir>();
    m_dataDir = m_options.dataDir.isEmpty() ? m_temp->path() + "/data" : m_options.dataDir;
    m_configPath = m_temp->path() + "/config.json";
    if (!m_options.config.empty()) {
        QFile f(m_configPath);
        if (f.open(QIODevice::WriteOnly)) f.write(QByteArray::fromStdString(m_options.config));
    }
    // A free port chosen now and kept across restarts.
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    m_port = probe.serverPort();
    probe.close();
}

ServerProcess::~ServerProcess() {
    if (running()) kill9();
}

bool ServerProcess::running() const {
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 ServerProcess::pid() const {
    return m_process ? m_process->processId() : 0;
}

QString ServerProcess::baseUrl() const {
    return QString("http://127.0.0.1:%1").arg(m_port);
}

QByteArray ServerProcess::output() const {
    if (m_process) m_output += m_process->readAll();
    return m_output;
}

bool ServerProcess::start(int timeoutMs) {
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args;
    if (m_options.demo)
        args << "--demo";
    else
        args << "--config" << m_configPath;
    args << "--data-dir" << m_dataDir << "--listen"
         << QString("%1:%2").arg(m_options.listenHost).arg(m_port) << "--threads"
         << QString::number(m_options.threads) << m_options.extraArgs;
    m_process->start(binaryPath(), args);
    if (!m_process->waitForStarted(5000)) {
        m_output += "failed to start " + binaryPath().toUtf8();
        return false;
    }
    return waitReady(timeoutMs);
}

bool ServerProcess::waitReady(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    HttpClient client("127.0.0.1", m_port);
    while (t.elapsed() < timeoutMs) {
        if (!running()) {
            output();
            return false;
        }
        auto r = client.request("GET", "/readyz", {}, {}, 1000);
        if (r.status == 200) return true;
        client.disconnect();
        m_process->waitForReadyRead(50);
        output();
    }
    return false;
}

void ServerProcess::kill9() {
    if (!m_process) return;
    ::kill(static_cast<pid_t>(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10'000);
    output();
}

bool ServerProcess::terminate(int timeoutMs) {
    if (!running()) return false;
    m_process->terminate();
    bool finished = m_process->waitForFinished(timeoutMs);
    output();
    return finished && m_process->exitStatus() == QProcess::NormalExit &&
           m_process->exitCode() == 0;
}

bool ServerProcess::restart(int timeoutMs) {
    if (running()) kill9();
    // The kernel may keep the port briefly after a kill; SO_REUSEADDR covers TIME_WAIT.
    return start(timeoutMs);
}

long ServerProcess::peakRssKb() const {
    QFile f(QString("/proc/%1/status").arg(pid()));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const auto text = QString::fromLatin1(f.readAll());
    auto m = QRegularExpression("VmHWM:\\s+(\\d+)").match(text);
    return m.hasMatch() ? m.captured(1).toLong() : 0;
}

CliResult ServerProcess::runServerBinary(const QStringList& args, int timeoutMs) {
    QProcess p;
    p.start(binaryPath(), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

CliResult ServerProcess::cli(const QStringList& args, int timeoutMs) const {
    return runServerBinary(QStringList{"--data-dir", m_dataDir} + args, timeoutMs);
}

} // namespace sluice::test
