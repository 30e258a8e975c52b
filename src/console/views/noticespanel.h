// The notices panel: compose a notice in Korean and English for one cohort or all, with a
// severity; the list of active notices with retract.
#pragma once
#include <QJsonObject>
#include <QWidget>

class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Ui {
class NoticeComposer;
}

namespace sluice::console {

class ConsoleSession;

class NoticesPanel : public QWidget {
    Q_OBJECT
public:
    explicit NoticesPanel(ConsoleSession* session, QWidget* parent = nullptr);
    ~NoticesPanel() override;
    QPlainTextEdit* koreanEdit() const;
    QPlainTextEdit* englishEdit() const;
    QPushButton* postButton() const;
    QPushButton* retractButton() const;
    QTreeWidget* noticeList() const;

signals:
    void commandRequested(const QString& op, const QJsonObject& args, const QString& description,
                          const QString& confirmText);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void reloadCohorts();
    void reloadNotices();
    void updateEnabled();
    void post();
    void retract();

    ConsoleSession* m_session;
    Ui::NoticeComposer* m_ui;
};

} // namespace sluice::console
