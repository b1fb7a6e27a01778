#include "teambanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace Workplan {

TeamBanner::TeamBanner(bool closable, QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    if (closable) {
        m_close = new QToolButton(this);
        m_close->setAutoRaise(true);
        m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
        m_close->setToolTip(tr("Dismiss"));
        m_close->setAccessibleName(tr("Dismiss message"));
        connect(m_close, &QToolButton::clicked, this, &TeamBanner::clear);
        layout->addWidget(m_close, 0, Qt::AlignTop);
    }
    hide();
}

void TeamBanner::showMessage(const QString &text, Kind kind)
{
    // Colours that read on light and dark themes alike: a tinted background, the
    // palette's own text colour.
    QColor tint = kind == Kind::Error ? QColor(0xf8, 0xd7, 0xda) : kind == Kind::Warning ? QColor(0xff, 0xf3, 0xcd)
                                                                                          : QColor(0xd1, 0xec, 0xf1);
    QPalette p = palette();
    p.setColor(QPalette::Window, tint);
    p.setColor(QPalette::WindowText, Qt::black);
    setPalette(p);
    m_label->setText(text);
    setAccessibleDescription(text);
    if (isHidden()) {
        show();
        emit visibilityChanged();
    }
}

void TeamBanner::clear()
{
    m_label->clear();
    if (!isHidden()) {
        hide();
        emit visibilityChanged();
    }
}

QString TeamBanner::text() const
{
    return m_label->text();
}

} // namespace Workplan
