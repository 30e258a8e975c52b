// Names of data-source states (the status bar shows the translated form).
#include "console/transport/datasource.h"

#include <QCoreApplication>
#include <QUuid>

namespace sluice::console {

QString DataSource::sendCommand(const QString& op, const QJsonObject& args) {
    // Ids are unique per operator on the server, across console restarts: a random tag per
    // source plus a counter.
    if (m_commandTag.isEmpty()) m_commandTag = QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString id = QStringLiteral("c-%1-%2").arg(m_commandTag).arg(m_nextCommand++);
    return sendCommandFrame(id, op, args) ? id : QString();
}

QString stateName(DataSource::State state) {
    switch (state) {
    case DataSource::State::Disconnected:
        return QCoreApplication::translate("DataSource", "Disconnected");
    case DataSource::State::Connecting:
        return QCoreApplication::translate("DataSource", "Connecting");
    case DataSource::State::Connected:
        return QCoreApplication::translate("DataSource", "Connected");
    case DataSource::State::Stalled:
        return QCoreApplication::translate("DataSource", "No data");
    case DataSource::State::Reconnecting:
        return QCoreApplication::translate("DataSource", "Reconnecting");
    }
    return {};
}

} // namespace sluice::console
