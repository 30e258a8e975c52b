// The wall mode's page (see wallview.h).
#include "console/views/wallview.h"

#include "console/alerts/alerttext.h"
#include "console/model/cohorttablemodel.h"
#include "console/model/consolesession.h"
#include "console/views/tilespanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace sluice::console {

namespace {
constexpr double kTileScale = 2.4;
QFont scaled(QFont f, double factor, bool bold = false) {
    f.setPointSizeF(f.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}
} // namespace

WallView::WallView(ConsoleSession* session, QWidget* parent) : QWidget(parent), m_session(session) {
    setObjectName(QStringLiteral("wallView"));
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(8, 8, 8, 8);
    v->setSpacing(10);
    m_tiles = new TilesPanel(session, this);
    m_tiles->setScale(kTileScale);
    v->addWidget(m_tiles);
    m_alerts = new QLabel(this);
    m_alerts->setObjectName(QStringLiteral("wallAlerts"));
    m_alerts->setWordWrap(true);
    m_alerts->setAutoFillBackground(true);
    m_alerts->setMargin(8);
    m_alerts->setFont(scaled(font(), 1.8, true));
    v->addWidget(m_alerts);
    m_stripArea = new QWidget(this);
    m_grid = new QGridLayout(m_stripArea);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setVerticalSpacing(6);
    v->addWidget(m_stripArea);
    v->addStretch(1);
    connect(session, &ConsoleSession::updated, this, [this] {
        if (isVisible()) refresh();
    });
    connect(session, &ConsoleSession::alertsChanged, this, [this] {
        if (isVisible()) refresh();
    });
    connect(session, &ConsoleSession::sourceReset, this, &WallView::rebuild);
}

QString WallView::stripText(int row) const {
    if (row < 0 || row >= m_strips.size()) return {};
    const Strip& s = m_strips.at(row);
    return QStringList{s.label->text(), s.state->text(), s.waiting->text(), s.rate->text(),
                       s.eta->text()}
        .join(QStringLiteral(" | "));
}

void WallView::rebuild() {
    for (Strip& s : m_strips)
        delete s.frame;
    m_strips.clear();
    m_ids.clear();
    for (const CohortFigures& c : m_session->state().cohorts()) {
        Strip s;
        s.frame = new QWidget(m_stripArea);
        s.frame->setAutoFillBackground(true);
        auto* h = new QHBoxLayout(s.frame);
        h->setContentsMargins(12, 6, 12, 6);
        s.label = new QLabel(s.frame);
        s.state = new QLabel(s.frame);
        s.waiting = new QLabel(s.frame);
        s.rate = new QLabel(s.frame);
        s.eta = new QLabel(s.frame);
        const QFont big = scaled(font(), 2.2, true), mid = scaled(font(), 1.9);
        s.label->setFont(big);
        s.state->setFont(big);
        for (QLabel* l : {s.waiting, s.rate, s.eta}) {
            l->setFont(mid);
            l->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
        h->addWidget(s.label, 3);
        h->addWidget(s.state, 3);
        h->addWidget(s.waiting, 3);
        h->addWidget(s.rate, 4);
        h->addWidget(s.eta, 3);
        m_grid->addWidget(s.frame, int(m_strips.size()), 0);
        m_strips.append(s);
        m_ids.append(c.id);
    }
}

void WallView::refresh() {
    QStringList ids;
    for (const CohortFigures& c : m_session->state().cohorts())
        ids.append(c.id);
    if (ids != m_ids) rebuild();
    m_tiles->refresh();
    const QLocale l;
    const bool stale = m_session->isStale();
    for (int i = 0; i < m_strips.size(); ++i) {
        const CohortFigures* c = m_session->state().cohort(m_ids.at(i));
        if (!c) continue;
        Strip& s = m_strips[i];
        s.label->setText(m_session->cohortLabel(c->id));
        s.state->setText(cohortStateLabel(*c));
        s.waiting->setText(tr("%1 waiting").arg(l.toString(c->waiting)));
        s.rate->setText(
            tr("%1/s of %2/s")
                .arg(l.toString(c->actualRate, 'f', 0), l.toString(c->rateCeiling, 'f', 0)));
        s.eta->setText(c->state == QLatin1String("open") ? formatDuration(c->etaLastS)
                                                         : QStringLiteral("—"));
        AlertSeverity worst = AlertSeverity::Warning;
        bool any = false;
        for (const Alert& a : m_session->alerts().alerts())
            if (a.subject == c->id) {
                any = true;
                if (a.severity == AlertSeverity::Critical) worst = a.severity;
            }
        QPalette p = s.frame->palette();
        QColor bg = QColor(226, 240, 226);
        if (any)
            bg = worst == AlertSeverity::Critical ? QColor(240, 90, 80) : QColor(255, 214, 120);
        if (stale) bg = QColor(225, 225, 225);
        p.setColor(QPalette::Window, bg);
        p.setColor(QPalette::WindowText, any && worst == AlertSeverity::Critical && !stale
                                             ? Qt::white
                                             : QColor(20, 20, 20));
        s.frame->setPalette(p);
        for (QLabel* label : {s.label, s.state, s.waiting, s.rate, s.eta})
            label->setPalette(p);
    }
    // The alerts in large type: what to look at first.
    QStringList lines;
    bool critical = false;
    for (const Alert& a : m_session->alerts().alerts()) {
        if (lines.size() >= 4) break;
        lines.append(QStringLiteral("⚠ ") + alertText(a, m_session->labelLookup()));
        critical = critical || a.severity == AlertSeverity::Critical;
    }
    m_alerts->setText(lines.isEmpty() ? tr("✓ No active alerts") : lines.join(QLatin1Char('\n')));
    QPalette p = m_alerts->palette();
    p.setColor(QPalette::Window, lines.isEmpty() ? QColor(214, 238, 214)
                                 : critical      ? QColor(200, 30, 30)
                                                 : QColor(255, 214, 120));
    p.setColor(QPalette::WindowText, critical ? Qt::white : QColor(20, 20, 20));
    m_alerts->setPalette(p);
}

void WallView::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    refresh();
}

void WallView::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) refresh();
    QWidget::changeEvent(e);
}

} // namespace sluice::console
