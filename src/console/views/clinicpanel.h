// The clinic stock panel: every clinic, sortable, filterable by region, searchable, low stock
// highlighted, updated in place (the operator's sort, scroll and selection stay).
#pragma once
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace sluice::console {

class ConsoleSession;
class ClinicFilterProxy;

class ClinicPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClinicPanel(ConsoleSession* session, QWidget* parent = nullptr);
    QTableView* table() const { return m_table; }
    ClinicFilterProxy* proxy() const { return m_proxy; }
    QComboBox* regionCombo() const { return m_region; }
    QLineEdit* searchEdit() const { return m_search; }

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void reloadRegions();
    void updateSummary();

    ConsoleSession* m_session;
    ClinicFilterProxy* m_proxy;
    QComboBox* m_region;
    QLineEdit* m_search;
    QLabel* m_summary;
    QTableView* m_table;
};

} // namespace sluice::console
