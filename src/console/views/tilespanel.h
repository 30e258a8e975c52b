// Headline tiles: people waiting, admitted per second (actual vs ceiling), ETA of the last in
// line, active booking sessions, error rate, doses left. Each turns amber or red at its
// threshold; stale data is greyed.
#pragma once
#include "console/model/thresholds.h"

#include <QFrame>
#include <QWidget>

class QLabel;

namespace sluice::console {

class ConsoleSession;

class Tile : public QFrame {
    Q_OBJECT
public:
    explicit Tile(QWidget* parent = nullptr);
    void setTitle(const QString& title);
    void setValue(const QString& value, const QString& detail, Level level, bool stale);
    QString valueText() const;
    Level level() const { return m_level; }

private:
    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_detail;
    Level m_level = Level::Normal;
};

class TilesPanel : public QWidget {
    Q_OBJECT
public:
    enum TileId { Waiting, Admitted, EtaLast, Active, ErrorRate, DosesLeft, TileCount };
    explicit TilesPanel(ConsoleSession* session, QWidget* parent = nullptr);
    void refresh();
    Tile* tile(TileId id) const { return m_tiles[id]; }

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    ConsoleSession* m_session;
    Tile* m_tiles[TileCount] = {};
};

} // namespace sluice::console
