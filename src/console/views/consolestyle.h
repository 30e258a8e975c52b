// The console's widget style: Fusion with a visible keyboard focus ring (2 px, dark blue) on
// buttons, fields, lists and check boxes, so an operator working from the keyboard always sees
// where the next key goes.
#pragma once
#include <QProxyStyle>

namespace sluice::console {

class ConsoleStyle : public QProxyStyle {
    Q_OBJECT
public:
    ConsoleStyle();
    static QColor focusColour() { return QColor(11, 87, 208); }

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget = nullptr) const override;
    void drawControl(ControlElement element, const QStyleOption* option, QPainter* painter,
                     const QWidget* widget = nullptr) const override;
    void drawComplexControl(ComplexControl control, const QStyleOptionComplex* option,
                            QPainter* painter, const QWidget* widget = nullptr) const override;
};

// Installs ConsoleStyle as the application style.
void installConsoleStyle();

} // namespace sluice::console
