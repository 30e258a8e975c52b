// Scripted scenes for screenshots, demos and training: a data source that plays a plausible
// opening (four cohorts, 300 clinics, five minutes of history, then live ticks) with one of the
// situations operators must recognise at once: all well, a cohort paused for an incident with
// people waiting, a cohort sold out while people wait, a server that stopped answering. The same
// scene can be written as a recording for a replay. Used by `sluice-console --scenario NAME`.
#pragma once
#include "console/transport/datasource.h"

#include <QList>
#include <QTimer>

#include <memory>

namespace sluice::console {

class ScenarioSource : public DataSource {
    Q_OBJECT
public:
    enum class Scene { Normal, Paused, SoldOut, Frozen };
    // "normal", "paused", "soldout", "frozen"; nullopt for an unknown name.
    static std::optional<Scene> sceneNamed(const QString& name);
    static QStringList sceneNames();

    explicit ScenarioSource(Scene scene, QObject* parent = nullptr);
    ~ScenarioSource() override;

    void open() override;
    void close() override;
    State state() const override { return m_state; }
    QString description() const override;
    bool isLive() const override { return true; }
    LinkStatus linkStatus() const override { return m_link; }

    // The whole scene as (receive time, frame) pairs, `minutes` of it ending at `endMs`.
    QList<QPair<qint64, QJsonObject>> history(qint64 endMs, int minutes = 5);

protected:
    bool sendCommandFrame(const QString& id, const QString& op, const QJsonObject& args) override;

private:
    struct Gen;
    void setState(State s);
    void tick();

    Scene m_scene;
    std::unique_ptr<Gen> m_gen;
    State m_state = State::Disconnected;
    LinkStatus m_link;
    QTimer m_timer;
};

// Writes the scene (`minutes` of it, ending now) as a recording; false with `error` set.
bool writeScenarioRecording(ScenarioSource::Scene scene, const QString& path, QString* error,
                            int minutes = 5);

} // namespace sluice::console
