// The wall mode's page, for the control room's big screen and readable from 3 m: the headline
// tiles at about two and a half times their size, the active alerts in large type, and one status
// strip per cohort (label, state, people waiting, admitted per second against the ceiling, ETA of
// the last in line), red or amber when an alert concerns that cohort.
#pragma once
#include <QWidget>

class QGridLayout;
class QLabel;

namespace sluice::console {

class ConsoleSession;
class TilesPanel;

class WallView : public QWidget {
    Q_OBJECT
public:
    explicit WallView(ConsoleSession* session, QWidget* parent = nullptr);
    void refresh();
    TilesPanel* tiles() const { return m_tiles; }
    int stripCount() const { return int(m_strips.size()); }
    // The text of a cohort's strip (tests).
    QString stripText(int row) const;

protected:
    void changeEvent(QEvent* e) override;
    void showEvent(QShowEvent* e) override;

private:
    struct Strip {
        QWidget* frame = nullptr;
        QLabel *label = nullptr, *state = nullptr, *waiting = nullptr, *rate = nullptr,
               *eta = nullptr;
    };
    void rebuild();

    ConsoleSession* m_session;
    TilesPanel* m_tiles;
    QLabel* m_alerts;
    QWidget* m_stripArea;
    QGridLayout* m_grid;
    QList<Strip> m_strips;
    QStringList m_ids;
};

} // namespace sluice::console
