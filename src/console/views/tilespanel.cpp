// Headline tiles (see tilespanel.h).
#include "console/views/tilespanel.h"

#include "console/model/cohorttablemodel.h"
#include "console/model/consolesession.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace sluice::console {

Tile::Tile(QWidget* parent) : QFrame(parent) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(8, 3, 8, 3);
    l->setSpacing(0);
    m_title = new QLabel(this);
    m_value = new QLabel(this);
    m_detail = new QLabel(this);
    m_baseFont = font();
    for (QLabel* label : {m_title, m_detail}) {
        label->setWordWrap(false);
        label->setMinimumWidth(0);
    }
    l->addWidget(m_title);
    l->addWidget(m_value);
    l->addWidget(m_detail);
    setScale(1.0);
    setMinimumWidth(120);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void Tile::setScale(double scale) {
    QFont t = m_baseFont;
    t.setPointSizeF(m_baseFont.pointSizeF() * scale);
    m_title->setFont(t);
    QFont d = t;
    d.setPointSizeF(m_baseFont.pointSizeF() * qMax(1.0, scale * 0.9));
    m_detail->setFont(d);
    QFont v = m_baseFont;
    v.setPointSizeF(m_baseFont.pointSizeF() * 1.8 * scale);
    v.setBold(true);
    m_value->setFont(v);
    fitTexts();
}

void Tile::resizeEvent(QResizeEvent* e) {
    QFrame::resizeEvent(e);
    fitTexts();
}

void Tile::fitTexts() {
    // Narrow tiles (1366 px, English) show "bypass 6.0/s · …" rather than a clipped glyph.
    const int width = qMax(0, contentsRect().width() - 16);
    const auto fit = [width](QLabel* l, const QString& full) {
        const QString shown = l->fontMetrics().elidedText(full, Qt::ElideRight, width);
        if (l->text() != shown) l->setText(shown);
    };
    fit(m_title, m_fullTitle);
    fit(m_detail, m_fullDetail);
    const QString tip =
        m_fullDetail.isEmpty() ? m_fullTitle : m_fullTitle + QLatin1Char('\n') + m_fullDetail;
    if (toolTip() != tip) setToolTip(tip);
}

QString Tile::detailText() const {
    return m_fullDetail;
}

void Tile::setTitle(const QString& title) {
    m_fullTitle = title;
    fitTexts();
}
QString Tile::valueText() const {
    return m_value->text();
}

void Tile::setValue(const QString& value, const QString& detail, Level level, bool stale) {
    m_level = level;
    m_value->setText(value);
    m_fullDetail = detail;
    fitTexts();
    QPalette p = palette();
    QColor bg = QColor(236, 244, 236);
    if (level == Level::Amber) bg = QColor(255, 226, 150);
    if (level == Level::Red) bg = QColor(255, 170, 170);
    if (stale) bg = QColor(228, 228, 228);
    p.setColor(QPalette::Window, bg);
    const QColor fg = stale ? QColor(130, 130, 130) : QColor(20, 20, 20);
    p.setColor(QPalette::WindowText, fg);
    setPalette(p);
    for (QLabel* l : {m_title, m_value, m_detail}) {
        QPalette lp = l->palette();
        lp.setColor(QPalette::WindowText, fg);
        l->setPalette(lp);
    }
}

TilesPanel::TilesPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < TileCount; ++i) {
        m_tiles[i] = new Tile(this);
        m_tiles[i]->setObjectName(QStringLiteral("tile%1").arg(i));
        grid->addWidget(m_tiles[i], 0, i);
    }
    retranslate();
    refresh();
}

void TilesPanel::setScale(double scale) {
    for (Tile* t : m_tiles)
        t->setScale(scale);
}

void TilesPanel::retranslate() {
    m_tiles[Waiting]->setTitle(tr("People waiting"));
    m_tiles[Admitted]->setTitle(tr("Admitted per second"));
    m_tiles[EtaLast]->setTitle(tr("ETA of the last in line"));
    m_tiles[Active]->setTitle(tr("Active booking sessions"));
    m_tiles[ErrorRate]->setTitle(tr("Error rate"));
    m_tiles[DosesLeft]->setTitle(tr("Doses left to book"));
    refresh();
}

void TilesPanel::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

namespace {
Level levelOf(const Alert& a) {
    return a.severity == AlertSeverity::Critical ? Level::Red : Level::Amber;
}
Level worse(Level a, Level b) {
    return int(a) >= int(b) ? a : b;
}
} // namespace

void TilesPanel::refresh() {
    const bool stale = m_session->isStale();
    const bool any = m_session->state().hasSnapshot();
    const Thresholds& th = m_session->thresholds();
    const Headline h = m_session->state().headline();
    const QLocale l;
    const QString none = QStringLiteral("—");
    const QString staleNote = stale && any ? tr("stale") : QString();
    auto detail = [&](const QString& d) { return staleNote.isEmpty() ? d : staleNote; };
    if (!any) {
        for (Tile* t : m_tiles)
            t->setValue(none, tr("no data"), Level::Normal, true);
        return;
    }
    // The colours follow the alerts (with their hysteresis), not raw thresholds.
    Level waiting = th.evaluate("waiting", double(h.waiting)), admitted = Level::Normal,
          eta = Level::Normal, errors = Level::Normal, doses = Level::Normal;
    QString pausedCohort;
    qint64 pausedWaiting = 0;
    for (const Alert& a : m_session->alerts().alerts()) {
        const QString& r = a.rule;
        if (r == QLatin1String(alert_rule::CohortPausedWaiting) ||
            r == QLatin1String(alert_rule::CohortClosedWaiting)) {
            waiting = worse(waiting, Level::Red);
            admitted = worse(admitted, Level::Red);
            if (pausedCohort.isEmpty() && r == QLatin1String(alert_rule::CohortPausedWaiting)) {
                pausedCohort = m_session->cohortLabel(a.subject);
                pausedWaiting = qint64(a.facts.value("waiting").toDouble());
            }
        } else if (r == QLatin1String(alert_rule::AdmissionLow)) {
            admitted = worse(admitted, levelOf(a));
        } else if (r == QLatin1String(alert_rule::EtaHigh)) {
            eta = worse(eta, levelOf(a));
        } else if (r == QLatin1String(alert_rule::ErrorRate) ||
                   r == QLatin1String(alert_rule::BypassRate) ||
                   r == QLatin1String(alert_rule::BookingLatency)) {
            errors = worse(errors, levelOf(a));
        } else if (r == QLatin1String(alert_rule::DosesLow)) {
            doses = worse(doses, levelOf(a));
        }
    }
    const int cohorts = int(m_session->state().cohorts().size());
    QString waitingDetail = tr("%n cohort(s)", nullptr, cohorts);
    if (h.pausedWithWaiting > 0)
        waitingDetail += QStringLiteral(" · ") + tr("%n paused", nullptr, h.pausedWithWaiting);
    if (h.closedWithWaiting > 0)
        waitingDetail += QStringLiteral(" · ") + tr("%n closed", nullptr, h.closedWithWaiting);
    m_tiles[Waiting]->setValue(l.toString(h.waiting), detail(waitingDetail), waiting, stale);
    m_tiles[Admitted]->setValue(l.toString(h.actualRate, 'f', 1),
                                detail(tr("ceiling %1/s").arg(l.toString(h.rateCeiling, 'f', 0))),
                                admitted, stale);
    if (!pausedCohort.isEmpty()) {
        // A paused cohort's ETA is no time: nobody moves until it resumes.
        m_tiles[EtaLast]->setValue(
            tr("paused"),
            detail(tr("%1 · %2 waiting").arg(pausedCohort, l.toString(pausedWaiting))), Level::Red,
            stale);
    } else {
        m_tiles[EtaLast]->setValue(formatDuration(h.etaLastS), detail(QString()), eta, stale);
    }
    const double activeRatio = h.maxActive > 0 ? double(h.active) / double(h.maxActive) : 0.0;
    m_tiles[Active]->setValue(l.toString(h.active),
                              detail(tr("of %1 allowed").arg(l.toString(h.maxActive))),
                              th.evaluate("active_ratio", activeRatio), stale);
    const ErrorRates& er = m_session->errorRates();
    m_tiles[ErrorRate]->setValue(
        er.valid ? l.toString(er.errorPercent, 'f', 2) + QStringLiteral(" %") : none,
        detail(er.valid ? tr("bypass attempts %1/s").arg(l.toString(er.bypass, 'f', 1))
                        : QString()),
        errors, stale);
    m_tiles[DosesLeft]->setValue(
        l.toString(h.dosesLeft),
        detail(tr("today %1 · %n clinic(s)", nullptr, int(m_session->state().clinics().size()))
                   .arg(l.toString(h.dosesLeftToday))),
        m_session->state().clinics().isEmpty() ? Level::Normal : doses, stale);
}

} // namespace sluice::console
