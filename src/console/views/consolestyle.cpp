// The console's style with a focus ring (see consolestyle.h).
#include "console/views/consolestyle.h"

#include <QApplication>
#include <QPainter>
#include <QStyleFactory>
#include <QStyleOption>

namespace sluice::console {

namespace {
void ring(QPainter* p, const QRect& r) {
    p->save();
    p->setRenderHint(QPainter::Antialiasing, true);
    QPen pen(ConsoleStyle::focusColour());
    pen.setWidth(2);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    p->drawRoundedRect(QRectF(r).adjusted(1, 1, -1, -1), 3, 3);
    p->restore();
}
bool focused(const QStyleOption* o) {
    return o && (o->state & QStyle::State_HasFocus) && (o->state & QStyle::State_Enabled);
}
} // namespace

ConsoleStyle::ConsoleStyle() : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion"))) {}

void ConsoleStyle::drawPrimitive(PrimitiveElement element, const QStyleOption* option,
                                 QPainter* painter, const QWidget* widget) const {
    if (element == PE_FrameFocusRect) {
        // Instead of the faint dotted rectangle (item views, check boxes, radio buttons).
        if (option) ring(painter, option->rect);
        return;
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    if (element == PE_PanelLineEdit && focused(option)) ring(painter, option->rect);
}

void ConsoleStyle::drawControl(ControlElement element, const QStyleOption* option,
                               QPainter* painter, const QWidget* widget) const {
    QProxyStyle::drawControl(element, option, painter, widget);
    if (element == CE_PushButton && focused(option)) ring(painter, option->rect);
}

void ConsoleStyle::drawComplexControl(ComplexControl control, const QStyleOptionComplex* option,
                                      QPainter* painter, const QWidget* widget) const {
    QProxyStyle::drawComplexControl(control, option, painter, widget);
    if ((control == CC_ComboBox || control == CC_SpinBox || control == CC_ToolButton ||
         control == CC_Slider) &&
        focused(option))
        ring(painter, option->rect);
}

void installConsoleStyle() {
    QApplication::setStyle(new ConsoleStyle);
}

} // namespace sluice::console
