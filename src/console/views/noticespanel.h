// The notices panel: compose a notice in Korean and English for one cohort or all, with a
// severity; the list of active notices with retract (named by its text). The composer clears
// once the server confirmed the post; the outcome shows in the panel's result line.
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
class ResultLine;

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
    ResultLine* resultLine() const { return m_result; }
    // The main window reports the id of the command this panel asked for.
    void commandSent(const QString& op, const QString& id);

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

    void resetForm();
    qint64 peopleWaiting(const QString& cohort) const;

    ConsoleSession* m_session;
    Ui::NoticeComposer* m_ui;
    ResultLine* m_result;
    QString m_postId; // the post waiting for the server's answer
};

} // namespace sluice::console
