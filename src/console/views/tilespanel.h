// Headline tiles: people waiting, admitted per second (actual vs ceiling), ETA of the last in
// line, active booking sessions, error rate, doses left. Red only when it matters: the colours
// follow the active alerts (a paused cohort with people waiting makes the waiting and admission
// tiles red and the ETA tile say "paused"; nobody waiting is no admission problem), with the
// thresholds for figures no alert covers. Stale data is greyed. A scale for the wall mode.
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
    QString detailText() const;
    Level level() const { return m_level; }
    // Font scale of the title, value and detail (the wall mode uses about 2.5).
    void setScale(double scale);

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    // Title and detail as wide as the tile allows, cut with "…" (never mid-glyph); the full
    // text is the tooltip.
    void fitTexts();
    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_detail;
    QString m_fullTitle, m_fullDetail;
    Level m_level = Level::Normal;
    QFont m_baseFont;
};

class TilesPanel : public QWidget {
    Q_OBJECT
public:
    enum TileId { Waiting, Admitted, EtaLast, Active, ErrorRate, DosesLeft, TileCount };
    explicit TilesPanel(ConsoleSession* session, QWidget* parent = nullptr);
    void refresh();
    Tile* tile(TileId id) const { return m_tiles[id]; }
    void setScale(double scale);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    ConsoleSession* m_session;
    Tile* m_tiles[TileCount] = {};
};

} // namespace sluice::console
